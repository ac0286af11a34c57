using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Host.Knowledge;

public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// The knowledge, loaded and validated before requests are served and kept in step with the search index; the
    /// agenda's session versions (so changes are announced once); session cards with every feature's buttons, the
    /// "agenda" command and the buttons that open a day or a session. Needs storage, the search index and answering
    /// (an "agenda" with words it does not read is a question).
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
        services.TryAddSingleton<SessionCards>();
        services.TryAddSingleton<AgendaCommand>();
        services.AddBotCommandHandler<AgendaCommand>();
        services.AddCardActionHandler<AgendaDayAction>();
        services.AddCardActionHandler<ShowSessionAction>();
        services.AddCardActionHandler<RefreshSessionAction>();
        return services;
    }
}
