using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Conversation;
using GmgBot.Core.Search;
using GmgBot.Host.Meaning;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Features;

public static class AnsweringFeature
{
    /// <summary>
    /// Questions in the delegates' own words, answered from the knowledge (<see cref="AnswerEngine"/>), and sessions
    /// found by the words people use for them (for "remind me about …"). Needs the knowledge, the search index and,
    /// for meaning, the embedding model (AddMeaning).
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AnswerEngine(
            sp.GetRequiredService<IKnowledgeSource>(),
            sp.GetRequiredService<ISearchIndex>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ISessionActions>(),
            sp.GetKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(MeaningServiceCollectionExtensions.QuestionsKey)));
        services.TryAddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<AnswerEngine>());
        services.TryAddSingleton<ISessionFinder, SessionFinder>();
        return services;
    }
}
