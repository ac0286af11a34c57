using System.Globalization;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Calendar;

/// <summary>The cards of the calendar feature and the buttons it puts on other cards.</summary>
public static class CalendarCards
{
    public const string AddVerb = "calendar.add";
    public const string TodayVerb = "calendar.today";
    public const string FeedVerb = "calendar.feed";

    /// <summary>Card data naming one session.</summary>
    public const string SessionIdProperty = "sessionId";

    /// <summary>The multi-select input of the overview card: session ids, comma-separated (as Adaptive Cards send them).</summary>
    public const string SessionIdsInput = "sessionIds";

    /// <summary>"Add to calendar" on a session card: through Graph when Outlook is connected, else the session's .ics.</summary>
    public static CardAction? AddButton(ScheduledSession session, bool outlook, Uri? icsUrl)
    {
        if (outlook)
        {
            return CardParts.Button("Add to calendar", AddVerb, new JsonObject { [SessionIdProperty] = session.Session.Id });
        }
        return icsUrl is null ? null : new ActionOpenUrl(icsUrl.AbsoluteUri) { Title = "Add to calendar" };
    }

    /// <summary>What the <c>calendar</c> command shows: Outlook (when connected) with the sessions still to come, and the feeds.</summary>
    public static AdaptiveCard Overview(
        Timeline timeline, bool outlook, Uri? agendaFeed, bool personalFeeds, IReadOnlySet<string> followed, DateTimeOffset now)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading("Calendar"),
            CardParts.Subtitle($"{timeline.Event.Name} · {Format.List(timeline.Days.Select(d => Format.Date(d.Date)))}"),
        };
        var actions = new List<CardAction>();
        var sessions = timeline.Sessions.Where(s => CalendarEntry.Belongs(s) && s.End > now).ToList();
        if (outlook && sessions.Count == 0)
        {
            body.Add(CardParts.Notice("🕘", "The meeting is over: there are no sessions left to put into your calendar."));
            actions.Add(CardParts.SubmitButton("My Outlook today", TodayVerb));
        }
        else if (outlook)
        {
            body.Add(new TextBlock("Choose sessions to put into your Outlook calendar, with a reminder before each. "
                + "If a session moves, I update your event."));
            body.Add(new InputChoiceSet([.. sessions.Select(s => new Choice(Label(s), s.Session.Id))])
            {
                Id = SessionIdsInput,
                Label = "Sessions",
                IsMultiSelect = true,
                Style = "compact",
                Wrap = true,
                Value = string.Join(',', sessions.Select(s => s.Session.Id).Where(followed.Contains)) is { Length: > 0 } chosen ? chosen : null,
            });
            actions.Add(CardParts.Button("Add to Outlook", AddVerb, style: ActionStyle.Positive));
            actions.Add(CardParts.SubmitButton("My Outlook today", TodayVerb) with { Mode = ActionMode.Secondary });
        }
        else
        {
            body.Add(new TextBlock("Subscribe to the agenda in Outlook (Add calendar › Subscribe from web) or any calendar app: "
                + "it follows every change. To add one session, press Add to calendar on its card (type agenda)."));
        }
        var secondary = outlook ? ActionMode.Secondary : (ActionMode?)null;
        if (agendaFeed is not null)
        {
            body.Add(CardParts.Subheading("Agenda feed"));
            body.Add(new TextBlock(agendaFeed.AbsoluteUri) { Spacing = CardSpacing.None });
            actions.Add(new ActionOpenUrl(agendaFeed.AbsoluteUri) { Title = "Open the feed", Mode = secondary });
        }
        if (personalFeeds)
        {
            body.Add(new TextBlock("Your own feed lists only the sessions you asked me to remind you of.") { IsSubtle = true, Size = TextSize.Small });
            actions.Add(CardParts.SubmitButton("My own feed", FeedVerb) with { Mode = secondary });
        }
        return CardParts.Card(body, agendaFeed is null ? "Calendar" : $"Calendar: subscribe to {agendaFeed.AbsoluteUri}", actions);
    }

    /// <summary>A delegate's secret feed link, shown once.</summary>
    public static AdaptiveCard PersonalFeed(Uri feed) => CardParts.Card(
        [
            CardParts.Heading("Your personal calendar feed"),
            new TextBlock("Subscribe to this address in Outlook (Add calendar › Subscribe from web) or any calendar app. "
                + "It lists the sessions you asked me to remind you of and follows every change."),
            new TextBlock(feed.AbsoluteUri) { Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium },
            CardParts.Notice("🔒", "Keep it to yourself: whoever has the link sees your sessions. Type calendar revoke to turn off all your links."),
        ],
        $"Your personal calendar feed: {feed.AbsoluteUri}",
        [new ActionOpenUrl(feed.AbsoluteUri) { Title = "Open feed" }]);

    /// <summary>A day of the user's Outlook calendar.</summary>
    public static AdaptiveCard Day(DateOnly date, string zoneLabel, IReadOnlyList<OutlookEvent> events)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading("Your Outlook calendar"),
            CardParts.Subtitle($"{Format.Date(date)} · times are {zoneLabel}"),
        };
        if (events.Count == 0)
        {
            body.Add(new TextBlock("Nothing in your calendar."));
        }
        foreach (var e in events)
        {
            var when = e.IsAllDay ? "All day" : $"{Time(e.Start)}–{Time(e.End)}";
            var title = new List<CardElement> { new TextBlock(e.IsCancelled ? $"{e.Subject} (cancelled)" : e.Subject) { Weight = TextWeight.Bolder } };
            if (e.Location is { Length: > 0 } location)
            {
                title.Add(new TextBlock(location) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None });
            }
            body.Add(new ColumnSet(
            [
                new Column([new TextBlock(when) { Weight = TextWeight.Bolder }]) { Width = "100px" },
                new Column(title) { Width = "stretch" },
            ]) { Separator = true, Spacing = CardSpacing.Small });
        }
        return CardParts.Card(body, $"Your Outlook calendar, {Format.Date(date)}: {events.Count} events");
    }

    /// <summary>"Day 1, 09:00 · Promoting decent work for international migrants": short, as it is one of many choices.</summary>
    public static string Label(ScheduledSession s) => $"Day {s.Session.Day}, {Format.Time(s.Session.Start)} · {s.Session.Title}";

    private static string Time(DateTime time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
