using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Calendar;

/// <summary>
/// What the <c>calendar</c> command and the calendar buttons do. Outlook (Graph) is optional: without it every answer
/// points to the iCalendar feeds. Personal things (a day of one's calendar, a secret feed link) only go to 1:1 chats.
/// </summary>
public sealed class CalendarAssistant(
    IKnowledgeSource knowledge,
    ICalendarFeeds feeds,
    TimeProvider time,
    ILogger<CalendarAssistant> logger,
    IOutlookCalendar? outlook = null,
    ISubscriptionDirectory? subscriptions = null)
{
    public bool OutlookConnected => outlook is not null;

    public async Task<BotReply> OverviewAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        IReadOnlySet<string> followed = new HashSet<string>();
        if (outlook is not null && subscriptions is not null && context.UserId is { } userId)
        {
            followed = (await subscriptions.SessionIdsOfAsync(userId, cancellationToken)).ToHashSet();
        }
        var agenda = feeds.AgendaUrl();
        var card = CalendarCards.Overview(timeline, outlook is not null, agenda, feeds.PersonalFeedsAvailable && !context.IsGroup, followed, time.GetUtcNow());
        var text = outlook is not null
            ? "Choose sessions to add to your Outlook calendar, or subscribe to the agenda feed."
            : agenda is null ? "Add sessions to your calendar from their cards (type **agenda**)." : $"Subscribe to the agenda feed: {agenda.AbsoluteUri}";
        return BotReply.WithCard(text, card);
    }

    /// <summary>
    /// Adds sessions to the user's Outlook calendar; without Outlook, hands out their .ics files. Also says how many are
    /// now in the calendar, so that a session card can show it.
    /// </summary>
    public async Task<(BotReply Reply, int InCalendar)> AddAsync(QuestionContext context, IReadOnlyList<string> sessionIds, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        var sessions = sessionIds.Distinct().Select(timeline.Find).OfType<ScheduledSession>().ToList();
        if (sessions.Count == 0)
        {
            return (BotReply.Plain(sessionIds.Count == 0
                ? "Choose at least one session first."
                : "That session is no longer on the agenda. Type **agenda** to see the current programme."), 0);
        }
        if (outlook is null)
        {
            var links = sessions.Select(s => feeds.SessionUrl(s.Session.Id) is { } url ? $"[{s.Session.Title}]({url.AbsoluteUri})" : null).OfType<string>().ToList();
            return (BotReply.Plain(links.Count == 0
                ? "Outlook is not connected here, and I don't know my public address to hand out calendar files. Please ask the organizers."
                : $"Outlook is not connected here. Open {Format.List(links)} to add it to your calendar (an .ics file)."), 0);
        }
        if (context.AadObjectId is not { Length: > 0 } user)
        {
            return (NotIdentified(), 0);
        }

        var done = new List<(ScheduledSession Session, OutlookWrite Write)>();
        try
        {
            foreach (var session in sessions)
            {
                done.Add((session, await outlook.AddAsync(user, session, cancellationToken)));
            }
        }
        catch (OutlookCalendarException ex)
        {
            logger.LogWarning(ex, "Could not add sessions to the Outlook calendar of {User}: {Failure}.", user, ex.Failure);
            var failure = Failure(ex.Failure);
            return (done.Count == 0 ? failure : BotReply.Plain($"{Added(timeline, done)}\n\nBut then: {failure.Text}"), done.Count);
        }
        return (BotReply.Plain(Added(timeline, done)), done.Count);
    }

    public async Task<BotReply> TodayAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        if (outlook is null)
        {
            return BotReply.Plain("Reading your Outlook calendar needs the Microsoft Graph connection, which is off here. Type **agenda** for the sessions.");
        }
        if (context.IsGroup)
        {
            return OnlyInPersonalChat("your calendar");
        }
        if (context.AadObjectId is not { Length: > 0 } user)
        {
            return NotIdentified();
        }
        var timeline = knowledge.Current.Timeline;
        var zone = context.UserTimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var own) ? own : timeline.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        try
        {
            var events = await outlook.DayAsync(user, today, zone, cancellationToken);
            var label = zone.Id == timeline.Zone.Id ? Format.ZoneLabel(timeline) : $"{zone.Id} time";
            return BotReply.WithCard($"Your Outlook calendar today: {events.Count} event{(events.Count == 1 ? "" : "s")}.", CalendarCards.Day(today, label, events));
        }
        catch (OutlookCalendarException ex)
        {
            logger.LogWarning(ex, "Could not read the Outlook calendar of {User}: {Failure}.", user, ex.Failure);
            return Failure(ex.Failure);
        }
    }

    public async Task<BotReply> PersonalFeedAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        if (context.IsGroup)
        {
            return OnlyInPersonalChat("your personal feed link");
        }
        if (!feeds.PersonalFeedsAvailable)
        {
            return BotReply.Plain("Personal feeds list the sessions you asked me to remind you of, and reminders are not available here yet. "
                + AgendaFeedHint());
        }
        if (context.UserId is not { Length: > 0 } userId)
        {
            return NotIdentified();
        }
        var url = await feeds.IssuePersonalFeedAsync(userId, cancellationToken);
        return url is null
            ? BotReply.Plain("I don't know my public web address, so I can't make feed links. Please ask the organizers to set it (Calendar:PublicBaseUrl).")
            : BotReply.WithCard("Here is your personal calendar feed. Keep the link to yourself.", CalendarCards.PersonalFeed(url));
    }

    public async Task<BotReply> RevokeAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        if (context.UserId is not { Length: > 0 } userId)
        {
            return NotIdentified();
        }
        var revoked = await feeds.RevokePersonalFeedsAsync(userId, cancellationToken);
        return BotReply.Plain(revoked == 0
            ? "You have no personal feed links to turn off."
            : $"Turned off {revoked} personal feed link{(revoked == 1 ? "" : "s")}; calendars subscribed to them stop updating. Type **calendar feed** for a new one.");
    }

    /// <summary>The one place that turns an Outlook failure into words, always with a way forward.</summary>
    private BotReply Failure(OutlookFailure failure) => BotReply.Plain(failure switch
    {
        OutlookFailure.NoConsent => "I can't reach your Outlook calendar: your organisation hasn't given me calendar access "
            + "(Microsoft Graph Calendars.ReadWrite, granted by an admin). " + AgendaFeedHint(),
        OutlookFailure.NoMailbox => "Your account has no Outlook mailbox I can reach. " + AgendaFeedHint(),
        _ => "Outlook isn't answering right now; please try again in a few minutes. " + AgendaFeedHint(),
    });

    private string AgendaFeedHint() => feeds.AgendaUrl() is { } agenda
        ? $"You can subscribe to the agenda feed instead: {agenda.AbsoluteUri} (in Outlook: Add calendar › Subscribe from web)."
        : "Each session card's **Add to calendar** button also works without Outlook.";

    private static BotReply NotIdentified() =>
        BotReply.Plain("Teams didn't tell me who you are, so I can't reach your calendar. Please ask me in Microsoft Teams.");

    private static BotReply OnlyInPersonalChat(string what) =>
        BotReply.Plain($"I only show {what} in our 1:1 chat. Message me directly and type **calendar**.");

    private static string Added(Timeline timeline, IReadOnlyList<(ScheduledSession Session, OutlookWrite Write)> done) =>
        string.Join('\n', done.Select(d => $"{d.Write switch
        {
            OutlookWrite.Created => "Added to your Outlook calendar",
            OutlookWrite.Updated => "Updated in your Outlook calendar",
            _ => "Already in your Outlook calendar",
        }}: **{d.Session.Session.Title}**, {Format.ShortWhen(timeline, d.Session.Session)} {Format.ZoneLabel(timeline)}."));
}
