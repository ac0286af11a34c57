using System.Text.Json.Nodes;
using GmgBot.Core.Cards;
using GmgBot.Core.Knowledge;
using Fact = GmgBot.Core.Cards.Fact;

namespace GmgBot.Core.Agenda;

/// <summary>
/// The agenda's cards: a session and a day's schedule, each ending with its sources. Every feature that shows a
/// session (answers, reminders, broadcasts) uses these; <see cref="ISessionActions"/> adds the features' buttons.
/// </summary>
public sealed class AgendaCards(KnowledgeSnapshot knowledge, ISessionActions sessionActions)
{
    /// <summary>The card action verb that opens a session's card (from a schedule row).</summary>
    public const string ShowSessionVerb = "session.show";

    private Timeline Timeline => knowledge.Timeline;

    public AdaptiveCard Session(ScheduledSession scheduled, string? userZone)
    {
        var s = scheduled.Session;
        var day = Timeline.DayNumbered(s.Day)!;
        var body = new List<CardElement>
        {
            CardParts.Heading(s.Title),
        };
        if (s.Subtitle is { } subtitle)
        {
            body.Add(CardParts.Subtitle($"“{subtitle}”"));
        }
        var when = $"{Format.Day(day)} · {Format.Span(s)} {Format.ZoneLabel(Timeline)}";
        if (Format.InUserZone(scheduled, Timeline, userZone) is { } local)
        {
            when += $" ({local})";
        }
        body.Add(new TextBlock(when) { Spacing = CardSpacing.Small });
        if (s.Status == SessionStatus.ToBeConfirmed)
        {
            body.Add(new TextBlock("To be confirmed (TBC)") { Color = TextColor.Warning, Weight = TextWeight.Bolder });
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
        body.Add(new FactSet(facts));

        if (s.Speakers.Count > 0)
        {
            body.Add(CardParts.Subheading(s.Kind == SessionKind.Opening ? "Welcome by" : "Speakers"));
            body.AddRange(s.Speakers.Select(SpeakerBlock));
        }
        if (s.Description is { } description)
        {
            body.Add(new TextBlock(description) { IsSubtle = true, Spacing = CardSpacing.Medium });
        }
        body.Add(SourceLine([s.Source]));
        return CardParts.Card(body, $"{s.Title}, {Format.ShortDay(day)} {Format.Span(s)}", sessionActions.For(scheduled));
    }

    /// <summary>A schedule of one or more days, one row per agenda item; a row opens the session's card.</summary>
    public AdaptiveCard Schedule(IReadOnlyList<(EventDay Day, IReadOnlyList<ScheduledSession> Sessions)> days)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading(days.Count == 1 ? Format.Day(days[0].Day) : Timeline.Event.Name),
            CardParts.Subtitle(days.Count == 1
                ? $"{Timeline.Event.Name} · times are {Format.ZoneLabel(Timeline)}"
                : $"{Format.List(days.Select(d => Format.Date(d.Day.Date)))} · times are {Format.ZoneLabel(Timeline)}"),
        };
        foreach (var (day, sessions) in days)
        {
            if (days.Count > 1)
            {
                body.Add(CardParts.Subheading(Format.Day(day)));
            }
            body.AddRange(sessions.Select(ScheduleRow));
        }
        var all = days.SelectMany(d => d.Sessions).ToList();
        body.Add(SourceLine(all.Select(s => s.Session.Source)));
        return CardParts.Card(body, $"{Timeline.Event.Name}: {all.Count} agenda items");
    }

    private CardElement ScheduleRow(ScheduledSession scheduled)
    {
        var s = scheduled.Session;
        var details = new List<string>();
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
        var minor = s.Kind is SessionKind.Break or SessionKind.Meal or SessionKind.Registration;
        var title = new List<CardElement> { new TextBlock(s.Title) { Weight = minor ? null : TextWeight.Bolder, IsSubtle = minor ? true : null } };
        if (details.Count > 0 && !minor)
        {
            title.Add(new TextBlock(string.Join(" · ", details)) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None });
        }
        if (!minor && sessionActions.For(scheduled) is { Count: > 0 } actions)
        {
            title.Add(new ActionSet(actions) { Spacing = CardSpacing.Small });
        }
        var row = new ColumnSet(
        [
            new Column([new TextBlock(Format.Span(s)) { Weight = TextWeight.Bolder }]) { Width = "100px" },
            new Column(title) { Width = "stretch" },
        ]);
        return new Container([row]) { Separator = true, Spacing = CardSpacing.Small, SelectAction = minor ? null : ShowSession(s) };
    }

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

    /// <summary>A link that opens the session's card (schedule rows, a person's or a target's sessions).</summary>
    public static ActionSubmit ShowSession(Session s) =>
        CardParts.SubmitButton(s.Title, ShowSessionVerb, new JsonObject { [ShowSessionAction.SessionIdProperty] = s.Id });

    /// <summary>The small line at the foot of a card that cites its sources.</summary>
    public TextBlock SourceLine(IEnumerable<SourceRef> sources) =>
        CardParts.Footer(Format.Sources(sources, knowledge)) with { Spacing = CardSpacing.Medium };
}
