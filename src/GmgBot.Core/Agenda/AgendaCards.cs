using System.Text.Json.Nodes;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;
using Fact = GmgBot.Core.Cards.Fact;

namespace GmgBot.Core.Agenda;

/// <summary>
/// The agenda's cards: a session and a day's schedule, each ending with its sources. Every feature that shows a
/// session (answers, reminders, broadcasts) uses these; <see cref="ISessionActions"/> adds the features' buttons and
/// says what time it is, so that the cards mark what is on now, what is next and what has ended, and offer only the
/// buttons that still make sense.
/// </summary>
public sealed class AgendaCards(KnowledgeSnapshot knowledge, ISessionActions sessionActions)
{
    /// <summary>The card action verb that opens a session's card (from a schedule row).</summary>
    public const string ShowSessionVerb = "session.show";

    /// <summary>The card action verb that shows another day's schedule in place of the pressed card.</summary>
    public const string DayVerb = "agenda.day";

    /// <summary>The card action verb that brings a session's card up to date for one user (Teams' refresh).</summary>
    public const string RefreshSessionVerb = "session.refresh";

    public const string DayProperty = "day";

    private const string SourcesId = "sources";

    private readonly DateTimeOffset? _now = sessionActions.Now;

    private Timeline Timeline => knowledge.Timeline;

    /// <summary>
    /// A session's card. <paramref name="offers"/>: one user's view (their reminder, …) in place of the buttons every
    /// reader gets.
    /// </summary>
    public AdaptiveCard Session(ScheduledSession scheduled, string? userZone, IReadOnlyList<SessionOffer>? offers = null)
    {
        var s = scheduled.Session;
        var day = Timeline.DayNumbered(s.Day)!;
        var body = new List<CardElement>();
        if (ReplayNotice(Timeline) is { } replay)
        {
            body.Add(replay);
        }
        body.Add(CardParts.Heading(s.Title));
        if (s.Subtitle is { } subtitle)
        {
            body.Add(CardParts.Subtitle($"“{subtitle}”"));
        }
        var mark = Mark(scheduled);
        body.Add(Marked(mark == SessionMark.None ? DayMark(day) : mark.ToString(), $"{Format.Day(day)} · {Format.Span(s)} {Format.ZoneLabel(Timeline)}") with
        {
            Spacing = CardSpacing.Small,
        });
        if (Format.InUserZone(scheduled, Timeline, userZone) is { } local)
        {
            body.Add(CardParts.Subtitle(Format.Capitalise(local)));
        }

        var actions = new List<CardAction>();
        if (offers is null)
        {
            actions.AddRange(sessionActions.For(scheduled));
        }
        else
        {
            foreach (var offer in offers)
            {
                if (offer.Status is { } status)
                {
                    body.Add(new Container([new TextBlock(status) { Weight = TextWeight.Bolder }]) { Style = ContainerStyle.Emphasis, Spacing = CardSpacing.Medium });
                }
                actions.AddRange(offer.Actions);
            }
        }
        if (mark == SessionMark.Ended)
        {
            body.Add(CardParts.Notice("🕘", "This session has ended."));
            if (Timeline.Next(_now!.Value) is { } next)
            {
                actions.Add(ShowSession(next.Session) with { Title = "Next session" });
            }
        }
        if (s.Status == SessionStatus.ToBeConfirmed)
        {
            body.Add(CardParts.Notice("⚠️", "To be confirmed (TBC): the agenda marks this session as not yet confirmed."));
        }

        var facts = new List<Fact> { new("Room", Format.Room(scheduled.Room)) };
        foreach (var group in s.Chairs.GroupBy(c => c.Role))
        {
            var label = group.Count() > 1 || group.Key == ChairRole.CoChair ? $"{Roles.Of(group.Key)}s" : Roles.Of(group.Key);
            facts.Add(new(label, Format.List(group.Select(c => PersonWithOrganisation(c.Person)))));
        }
        if (s.FacilitatedBy.Count > 0)
        {
            facts.Add(new("Facilitated by", Format.List(s.FacilitatedBy.Select(knowledge.OrganisationLabel))));
        }
        if (s.SdgTargets.Count > 0)
        {
            facts.Add(new("SDG targets", string.Join(", ", s.SdgTargets)));
        }
        body.Add(new FactSet(facts) { Spacing = CardSpacing.Medium });

        if (s.Speakers.Count > 0)
        {
            body.Add(CardParts.Subheading(s.Kind == SessionKind.Opening ? "Welcome by" : "Speakers"));
            body.AddRange(s.Speakers.Select(SpeakerBlock));
        }
        if (s.Description is { } description)
        {
            body.Add(CardParts.OnDemand(new TextBlock("About this session ›") { Color = TextColor.Accent, Weight = TextWeight.Bolder }, "about",
                [new TextBlock(description) { IsSubtle = true }]));
        }
        body.Add(SourceLine([s.Source]));
        actions.Add(BotCommands.Button($"Day {day.Day} agenda", $"{BotCommands.Agenda.Name} day {day.Day}") with { Mode = ActionMode.Secondary });
        return CardParts.Card(body, $"{s.Title}, {Format.ShortDay(day)} {Format.Span(s)}", actions);
    }

    /// <summary>
    /// A schedule of one or more days, one row per agenda item; a row opens the session's card. One day's schedule
    /// offers the days before and after it.
    /// </summary>
    public AdaptiveCard Schedule(IReadOnlyList<(EventDay Day, IReadOnlyList<ScheduledSession> Sessions)> days, string? userZone = null)
    {
        var body = new List<CardElement>();
        if (ReplayNotice(Timeline) is { } replay)
        {
            body.Add(replay);
        }
        var zone = $"times are {Format.ZoneLabel(Timeline)}";
        if (Format.ZoneDifference(Timeline, userZone, days[0].Sessions.FirstOrDefault()?.Start ?? Timeline.EventStart) is { } difference)
        {
            zone += $" ({difference})";
        }
        if (days.Count == 1)
        {
            body.Add(CardParts.Heading($"Day {days[0].Day.Day} · {days[0].Day.Date.ToString("dddd d MMMM", Format.English)}"));
            body.Add(Marked(DayMark(days[0].Day), $"{Timeline.Event.Name} · {zone}") with { Spacing = CardSpacing.None });
        }
        else
        {
            body.Add(CardParts.Heading(Timeline.Event.Name));
            body.Add(CardParts.Subtitle(Format.Capitalise(zone)));
        }
        foreach (var (day, sessions) in days)
        {
            if (days.Count > 1)
            {
                body.Add(Marked(DayMark(day), Format.Day(day), TextWeight.Bolder) with { Spacing = CardSpacing.Large });
            }
            body.AddRange(sessions.Select(ScheduleRow));
        }
        var all = days.SelectMany(d => d.Sessions).ToList();
        body.Add(SourceLine(all.Select(s => s.Session.Source)));

        var actions = new List<CardAction>();
        if (days.Count == 1)
        {
            if (Timeline.DayNumbered(days[0].Day.Day - 1) is { } before)
            {
                actions.Add(DayButton($"‹ Day {before.Day}", before.Day));
            }
            if (Timeline.DayNumbered(days[0].Day.Day + 1) is { } after)
            {
                actions.Add(DayButton($"Day {after.Day} ›", after.Day));
            }
        }
        var title = days.Count == 1 ? Format.Day(days[0].Day) : Timeline.Event.Name;
        return CardParts.Card(body, $"{title}: {all.Count} agenda items", actions);
    }

    /// <summary>A line at the top of the agenda's cards while the event is replayed on other dates (demos, tests).</summary>
    public static TextBlock? ReplayNotice(Timeline timeline)
    {
        if (!timeline.IsReplay)
        {
            return null;
        }
        var first = timeline.Days[0].Date;
        var last = timeline.Days[^1].Date;
        return new TextBlock($"🔁 Replay: the agenda of {Dates(timeline.OriginalDate(first), timeline.OriginalDate(last))}, on {Dates(first, last)}")
        {
            IsSubtle = true,
            Size = TextSize.Small,
        };
    }

    /// <summary>The button that shows a day's schedule in place of the pressed card.</summary>
    private static ActionExecute DayButton(string title, int day) =>
        CardParts.Button(title, DayVerb, new JsonObject { [DayProperty] = day });

    /// <summary>A link that opens the session's card (schedule rows, a person's or a target's sessions).</summary>
    public static ActionSubmit ShowSession(Session s) =>
        CardParts.SubmitButton(s.Title, ShowSessionVerb, new JsonObject { [ShowSessionAction.SessionIdProperty] = s.Id });

    /// <summary>
    /// The foot of a card that cites its sources, on one line: the document, or the first of several with how many more;
    /// each section on demand.
    /// </summary>
    public CardElement SourceLine(IEnumerable<SourceRef> sources)
    {
        var cited = sources.Distinct().ToList();
        if (cited.Count <= 1)
        {
            return CardParts.Footer(Format.Sources(cited, knowledge)) with { Spacing = CardSpacing.Medium };
        }
        var documents = cited.Select(s => Format.DocumentTitle(s, knowledge)).Distinct().ToList();
        var line = documents.Count == 1 ? $"{cited.Count} sections of {documents[0]}" : $"{documents[0]} and {documents.Count - 1} more";
        return CardParts.OnDemand(
            new RichTextBlock([new TextRun($"Sources: {line} · ") { IsSubtle = true, Size = TextSize.Small }, new TextRun("Show") { Color = TextColor.Accent, Size = TextSize.Small }]),
            SourcesId,
            [.. cited.Select(c => new TextBlock(Format.Citation(c, knowledge)) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.Small })]) with
        {
            Separator = true,
        };
    }

    private CardElement ScheduleRow(ScheduledSession scheduled)
    {
        var s = scheduled.Session;
        var mark = Mark(scheduled);
        var minor = s.Kind is SessionKind.Break or SessionKind.Meal or SessionKind.Registration;
        var quiet = minor || mark == SessionMark.Ended;
        var details = new List<string>();
        if (!minor)
        {
            if (s.Chairs.Count > 0)
            {
                details.Add(Format.List(s.Chairs.Select(c => $"{knowledge.PersonName(c.Person)} ({Roles.Of(c.Role)})")));
            }
            if (scheduled.Room.Name is { } room)
            {
                details.Add(room);
            }
            if (s.Status == SessionStatus.ToBeConfirmed)
            {
                details.Add("TBC");
            }
        }
        var lines = new List<CardElement> { new TextBlock(s.Title) { Weight = minor ? null : TextWeight.Bolder, IsSubtle = quiet ? true : null } };
        // Greyed out says "over" for a break; a session says it in words too.
        var shown = minor && mark == SessionMark.Ended ? SessionMark.None : mark;
        if (shown != SessionMark.None || details.Count > 0)
        {
            lines.Add(Marked(shown, string.Join(" · ", details), size: TextSize.Small) with { Spacing = CardSpacing.None });
        }
        var row = new ColumnSet(
        [
            new Column([new TextBlock(Format.Time(s.Start)) { Weight = quiet ? null : TextWeight.Bolder, IsSubtle = quiet ? true : null, Wrap = false }]) { Width = "44px" },
            new Column(lines) { Width = "stretch" },
        ]);
        return minor
            ? new Container([row]) { Separator = true, Spacing = CardSpacing.Small }
            : CardParts.TappableRow([row], ShowSession(s)) with { Separator = true, Spacing = CardSpacing.Small };
    }

    private SessionMark Mark(ScheduledSession s) => _now is { } now ? Timeline.MarkOf(s, now) : SessionMark.None;

    private string? DayMark(EventDay day) => _now is { } now ? Timeline.DayMarkOf(day, now) : null;

    /// <summary>A line that starts with a mark ("Now", "Today") in the accent colour, which reads well in every theme.</summary>
    private static RichTextBlock Marked(SessionMark mark, string text, TextSize? size = null) =>
        Marked(mark == SessionMark.None ? null : mark.ToString(), text, size: size);

    private static RichTextBlock Marked(string? mark, string text, TextWeight? weight = null, TextSize? size = null)
    {
        var runs = new List<TextRun>();
        if (mark is not null)
        {
            runs.Add(new TextRun(mark) { Weight = TextWeight.Bolder, Color = mark == "Ended" ? null : TextColor.Accent, Size = size });
            if (text.Length > 0)
            {
                runs.Add(new TextRun(" · ") { Size = size });
            }
        }
        if (text.Length > 0)
        {
            runs.Add(new TextRun(text) { Weight = weight, Size = size, IsSubtle = weight is null ? true : null });
        }
        return new RichTextBlock(runs);
    }

    private static string Dates(DateOnly first, DateOnly last) => first == last
        ? first.ToString("d MMMM yyyy", Format.English)
        : first.Year == last.Year && first.Month == last.Month
            ? $"{first.Day}–{last.ToString("d MMMM yyyy", Format.English)}"
            : $"{first.ToString("d MMMM", Format.English)} – {last.ToString("d MMMM yyyy", Format.English)}";

    private string PersonWithOrganisation(string personId) =>
        knowledge.People.TryGetValue(personId, out var p) && p.Organisation is { } o
            ? $"{p.Name} ({knowledge.OrganisationShort(o)})"
            : knowledge.PersonName(personId);

    private CardElement SpeakerBlock(Speaker speaker)
    {
        var person = knowledge.People.GetValueOrDefault(speaker.Person);
        var name = person?.Name ?? speaker.Person;
        var title = speaker.Title ?? (person is null ? null : knowledge.PersonRole(person));
        var line = title is null ? $"**{name}**" : $"**{name}**, {title}";
        if (speaker.Remote)
        {
            line += " (via VC)";
        }
        var items = new List<CardElement> { new TextBlock(line) };
        if (speaker.Topic is { } topic)
        {
            items.Add(CardParts.Subtitle($"Topic: {topic}"));
        }
        return new Container(items) { Spacing = CardSpacing.Small };
    }
}
