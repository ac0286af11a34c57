using GmgBot.Core.Conversation;
using Azure.Core;
using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;
using GmgBot.Host.Calendar;
using GmgBot.Host.Security;
using GmgBot.Host.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Features;

public static class CalendarsFeature
{
    /// <summary>Key of an optional <see cref="TokenCredential"/> that replaces the configured Graph sign-in (tests, custom identities).</summary>
    public const string GraphCredentialKey = "Graph";

    /// <summary>Key of an optional <see cref="HttpMessageHandler"/> that carries Graph requests (tests, proxies).</summary>
    public const string GraphTransportKey = "Graph";

    /// <summary>
    /// Calendars: the iCalendar feeds (always), Outlook through Microsoft Graph when <c>Graph:Enabled</c>, the
    /// <c>calendar</c> command, the calendar buttons, and the sync of Outlook events with the agenda.
    /// </summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.SectionName).ValidateOnStart();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GraphOptions>, CalendarOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CalendarOptions>, CalendarOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ListenAddresses>();

        services.TryAddSingleton<GraphEventStore>();
        services.TryAddSingleton<FeedTokenStore>();
        services.TryAddSingleton<IcsFeeds>();
        services.TryAddSingleton<ICalendarFeeds, CalendarFeeds>();

        // Whether Graph is on is only known once configuration is read, so the Outlook calendar is resolved lazily:
        // null when Graph is off, which the calendar features take as "iCalendar only".
        services.TryAddSingleton(sp => GraphCalendarClient.CreateClient(
            sp.GetRequiredService<IOptions<GraphOptions>>().Value,
            sp.GetKeyedService<TokenCredential>(GraphCredentialKey),
            sp.GetKeyedService<HttpMessageHandler>(GraphTransportKey)));
        services.TryAddSingleton(sp => new GraphCalendarClient(
            sp.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.TryAddSingleton<OutlookCalendar>();
        services.TryAddSingleton<IOutlookCalendar>(sp =>
            sp.GetRequiredService<IOptions<GraphOptions>>().Value.Enabled ? sp.GetRequiredService<OutlookCalendar>() : null!);

        services.TryAddSingleton<OutlookCalendarSync>();
        services.AddHostedService(sp => sp.GetRequiredService<OutlookCalendarSync>());
        services.AddSingleton<IAgendaChangeHandler>(sp => sp.GetRequiredService<OutlookCalendarSync>());

        services.TryAddSingleton<CalendarAssistant>();
        services.AddBotCommandHandler<CalendarCommand>();
        services.AddCardActionHandler<AddToCalendarAction>();
        services.AddCardActionHandler<CalendarTodayAction>();
        services.AddCardActionHandler<PersonalFeedAction>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionActionSource, CalendarSessionActions>());
        return services;
    }
}
