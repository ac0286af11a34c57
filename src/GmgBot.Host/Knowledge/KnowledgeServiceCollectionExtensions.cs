using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Search;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>The knowledge (loaded and validated before requests are served), the search index and the answering engine.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeService>();
        services.TryAddSingleton<IKnowledgeSource>(sp => sp.GetRequiredService<KnowledgeService>());
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton<ISessionActions, SessionActions>();
        services.AddSqliteMigration(SqliteSessionVersionStore.Migration);
        services.TryAddSingleton<ISessionVersionStore, SqliteSessionVersionStore>();
        services.TryAddSingleton<AnswerEngine>();
        services.AddSingleton<IQuestionAnswerer>(sp => sp.GetRequiredService<AnswerEngine>());
        services.AddCardActionHandler<ShowSessionAction>();
        return services;
    }
}
