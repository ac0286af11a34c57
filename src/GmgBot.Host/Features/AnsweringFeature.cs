using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Features;

public static class AnsweringFeature
{
    /// <summary>
    /// Questions in the delegates' own words, answered from the knowledge (<see cref="AnswerEngine"/>), and sessions
    /// found by the words people use for them (for "remind me about …"). Needs the knowledge and the search index.
    /// </summary>
    public static IServiceCollection AddAnswering(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AnswerEngine>();
        services.TryAddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<AnswerEngine>());
        services.TryAddSingleton<ISessionFinder, SessionFinder>();
        return services;
    }
}
