using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge, loaded and validated before requests are served and kept in step with the search index; the
    /// agenda's session versions (so changes are announced once); session cards with every feature's buttons, and the
    /// button that opens a session's card. Needs storage and the search index.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services)
    {
        services.AddOptions<KnowledgeOptions>().BindConfiguration(KnowledgeOptions.SectionName).ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KnowledgeService>();
        services.TryAddSingleton<IKnowledgeSource>(sp => sp.GetRequiredService<KnowledgeService>());
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeService>());
        services.TryAddSingleton<ISessionVersionStore, SessionVersionStore>();
        services.TryAddSingleton<ISessionActions, SessionActions>();
        services.AddCardActionHandler<ShowSessionAction>();
        return services;
    }
}
