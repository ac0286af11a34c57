using GmgBot.Core.Conversation;
using GmgBot.Host.MessageExtension;
using GmgBot.Host.Security;
using GmgBot.Host.Tab;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Features;

public static class AgendaTabFeature
{
    /// <summary>
    /// Beyond the chat: the personal "Agenda" tab (its page, the agenda and search JSON, "My schedule" on the bot's own
    /// reminders, Teams single sign-on), and the compose box's agenda search with link unfurling of the bot's links.
    /// Needs knowledge, storage, reminders and calendars (whose buttons shared cards keep).
    /// </summary>
    public static IServiceCollection AddAgendaTab(this IServiceCollection services)
    {
        services.AddOptions<AgendaTabOptions>().BindConfiguration(AgendaTabOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgendaTabOptions>, AgendaTabOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListenAddresses>();

        services.TryAddSingleton<AgendaTabSettings>();
        services.TryAddSingleton<AgendaLinks>();
        services.TryAddSingleton<TabUsers>();
        services.TryAddSingleton<TabReminders>();
        services.AddTeamsSingleSignOn();

        services.TryAddSingleton<SharedCards>();
        services.TryAddSingleton<IMessagingExtension, AgendaSearchExtension>();
        return services;
    }
}
