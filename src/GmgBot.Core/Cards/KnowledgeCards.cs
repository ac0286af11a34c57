using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using KnowledgeFact = GmgBot.Core.Knowledge.Fact;

namespace GmgBot.Core.Cards;

/// <summary>The cards that answer questions, each built from knowledge records and ending with its sources.</summary>
public sealed class KnowledgeCards(KnowledgeSnapshot knowledge, ISessionActions sessionActions)
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

    public AdaptiveCard Person(Person person, IReadOnlyList<Appearance> appearances)
    {
        var body = new List<CardElement> { CardParts.Heading(person.Name) };
        var role = PersonRole(person);
        if (role.Length > 0)
        {
            body.Add(new TextBlock(role) { Spacing = CardSpacing.Small });
        }
        if (appearances.Any(a => a.AsSpeaker?.Remote == true))
        {
            body.Add(new TextBlock("Attends remotely, via video conference (VC)") { Color = TextColor.Accent });
        }
        if (appearances.Count > 0)
        {
            body.Add(CardParts.Subheading("On the agenda"));
            foreach (var a in appearances)
            {
                var s = a.Session.Session;
                var line = $"{Format.ShortWhen(Timeline, s)} · {a.Role}, **{s.Title}**";
                var items = new List<CardElement> { new TextBlock(line) };
                if (a.AsSpeaker?.Topic is { } topic)
                {
                    items.Add(CardParts.Subtitle($"Topic: {topic}"));
                }
                body.Add(new Container(items) { SelectAction = ShowSession(s) });
            }
        }
        if (Spellings(person) is { } spellings)
        {
            body.Add(new TextBlock(spellings) { Color = TextColor.Warning, Size = TextSize.Small });
        }
        body.Add(SourceLine([person.Source, .. appearances.Select(a => a.Session.Session.Source)]));
        return CardParts.Card(body, person.Name);
    }

    public AdaptiveCard Group(WorkingGroup group)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading(group.Name),
            CardParts.Subtitle(group.Kind == GroupKind.TaskForce ? "GMG task force" : "GMG working group"),
            new FactSet([new Fact(group.LeadRole == LeadRole.CoConvener ? "Co-convened by" : "Co-chaired by",
                Format.List(group.Leads.Select(knowledge.OrganisationLabel)))]),
        };
        if (group.Responsibilities.Count > 0)
        {
            body.Add(CardParts.Subheading("What it does"));
            body.AddRange(group.Responsibilities.Select(r => new TextBlock($"• {r.Text}") { Spacing = CardSpacing.Small }));
        }
        if (GroupNames(group) is { } names)
        {
            body.Add(new TextBlock(names) { Color = TextColor.Warning, Size = TextSize.Small });
        }
        body.Add(SourceLine([group.LeadsSource, .. group.Names.Select(n => n.Source), .. group.Responsibilities.Select(r => r.Source)]));
        return CardParts.Card(body, group.Name);
    }

    public AdaptiveCard Groups(IReadOnlyList<WorkingGroup> groups, string heading)
    {
        var body = new List<CardElement> { CardParts.Heading(heading) };
        foreach (var g in groups)
        {
            body.Add(new Container(
            [
                new TextBlock(g.Name) { Weight = TextWeight.Bolder },
                CardParts.Subtitle(
                    $"{(g.LeadRole == LeadRole.CoConvener ? "Co-convened" : "Co-chaired")} by {Format.List(g.Leads.Select(knowledge.OrganisationShort))}"),
            ]) { Separator = true });
        }
        body.Add(SourceLine(groups.Select(g => g.LeadsSource)));
        return CardParts.Card(body, heading);
    }

    public AdaptiveCard Target(SdgTarget target, IReadOnlyList<ScheduledSession> sessions)
    {
        var body = new List<CardElement> { CardParts.Heading($"SDG target {target.Id}") };
        if (knowledge.Goals.TryGetValue(target.Goal, out var goal) && goal.Text is { } goalText)
        {
            body.Add(CardParts.Subtitle($"Goal {goal.Number}: {goalText}"));
        }
        body.Add(new TextBlock(target.Text is null
            ? "The documents cite this target by number only; they do not give its text."
            : target.Verbatim ? $"“{target.Text}”" : target.Text) { Spacing = CardSpacing.Medium });
        if (target.Text is not null && !target.Verbatim)
        {
            body.Add(new TextBlock("As paraphrased in the document, not the official wording.") { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None });
        }
        AddSessionList(body, "Discussed in", sessions);
        body.Add(SourceLine([target.Source, .. sessions.Select(s => s.Session.Source)]));
        return CardParts.Card(body, $"SDG target {target.Id}");
    }

    public AdaptiveCard Goal(SdgGoal goal, IReadOnlyList<SdgTarget> targets, IReadOnlyList<ScheduledSession> sessions)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading($"SDG Goal {goal.Number}"),
            new TextBlock(goal.Text is null ? "The documents cite this goal by number only." : $"“{goal.Text}”"),
        };
        if (targets.Count > 0)
        {
            body.Add(CardParts.Subheading("Targets the documents cite"));
            body.Add(new FactSet([.. targets.Select(t => new Fact(t.Id, t.Text ?? "(text not given)"))]));
        }
        AddSessionList(body, "Discussed in", sessions);
        body.Add(SourceLine([goal.Source, .. targets.Select(t => t.Source)]));
        return CardParts.Card(body, $"SDG Goal {goal.Number}");
    }

    public AdaptiveCard Event(DatedEvent e)
    {
        var facts = new List<Fact> { new("When", e.When) };
        if (e.Place is { } place)
        {
            facts.Add(new("Where", place));
        }
        var body = new List<CardElement> { CardParts.Heading(e.Name), new FactSet(facts) };
        if (e.Description is { } description)
        {
            body.Add(new TextBlock(description));
        }
        body.Add(SourceLine([e.Source]));
        return CardParts.Card(body, e.Name);
    }

    public AdaptiveCard Fact(KnowledgeFact fact, IReadOnlyList<Claim> claims, bool disagree)
    {
        var body = new List<CardElement> { CardParts.Heading(Format.Capitalise(fact.Topic)) };
        if (disagree)
        {
            body.Add(new TextBlock("The documents differ on this:") { Color = TextColor.Warning, Weight = TextWeight.Bolder });
        }
        foreach (var claim in claims)
        {
            body.Add(new Container(
            [
                new TextBlock(claim.Statement),
                new TextBlock($"— {Format.Citation(claim.Source, knowledge)}") { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
            ]) { Spacing = CardSpacing.Medium });
        }
        if (fact.Note is { } note)
        {
            body.Add(new TextBlock(note) { IsSubtle = true });
        }
        return CardParts.Card(body, fact.Topic);
    }

    public AdaptiveCard Passage(string quote, SourceRef source)
    {
        var title = knowledge.Documents.TryGetValue(source.Document, out var d) ? d.Title : source.Document;
        return CardParts.Card(
        [
            new TextBlock($"“{quote}”"),
            new TextBlock(title) { Weight = TextWeight.Bolder, Size = TextSize.Small, Spacing = CardSpacing.Medium },
            new TextBlock(source.Section) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
        ], quote);
    }

    public AdaptiveCard Term(Term term) => CardParts.Card(
    [
        CardParts.Heading(term.Abbreviation),
        new TextBlock(term.Expansion),
        SourceLine([term.Source]),
    ], $"{term.Abbreviation}: {term.Expansion}");

    /// <summary>"Director, …, Planning Institute, Jamaica" — the person's title and organisation as the documents give them.</summary>
    public string PersonRole(Person person)
    {
        var organisation = person.Organisation is { } o ? knowledge.OrganisationLabel(o) : null;
        if (person.Title is null)
        {
            return organisation ?? "";
        }
        return organisation is null || person.Title.Contains(knowledge.OrganisationName(person.Organisation!), StringComparison.OrdinalIgnoreCase)
            ? person.Title
            : $"{person.Title}, {organisation}";
    }

    /// <summary>A note when the documents spell a name more than one way, citing each spelling.</summary>
    public string? Spellings(Person person)
    {
        var distinct = person.Spellings.GroupBy(s => s.Name).ToList();
        return distinct.Count < 2 ? null
            : "The documents spell this name differently: " + string.Join("; ", distinct.Select(g =>
                $"“{g.Key}” ({string.Join(", ", g.Select(s => Format.Citation(s.Source, knowledge)).Distinct())})"));
    }

    /// <summary>A note when documents name a group differently, citing each name.</summary>
    public string? GroupNames(WorkingGroup group)
    {
        var distinct = group.Names.GroupBy(n => n.Name).ToList();
        return distinct.Count < 2 ? null
            : "The documents name this group differently: " + string.Join("; ", distinct.Select(g =>
                $"“{g.Key}” ({string.Join(", ", g.Select(n => Format.Citation(n.Source, knowledge)).Distinct())})"));
    }

    private string PersonWithOrganisation(string personId) =>
        knowledge.People.TryGetValue(personId, out var p) && p.Organisation is { } o
            ? $"{p.Name} ({knowledge.OrganisationShort(o)})"
            : knowledge.PersonName(personId);

    private CardElement SpeakerBlock(Speaker speaker)
    {
        var person = knowledge.People.GetValueOrDefault(speaker.Person);
        var name = person?.Name ?? speaker.Person;
        var title = speaker.Title ?? (person is null ? null : PersonRole(person));
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

    private void AddSessionList(List<CardElement> body, string heading, IReadOnlyList<ScheduledSession> sessions)
    {
        if (sessions.Count == 0)
        {
            return;
        }
        body.Add(CardParts.Subheading(heading));
        foreach (var s in sessions)
        {
            body.Add(new Container([new TextBlock($"{Format.ShortWhen(Timeline, s.Session)} · **{s.Session.Title}**")])
            {
                SelectAction = ShowSession(s.Session),
            });
        }
    }

    private static ActionSubmit ShowSession(Session s) =>
        CardParts.SubmitButton(s.Title, ShowSessionVerb, new JsonObject { [ShowSessionAction.SessionIdProperty] = s.Id });

    private TextBlock SourceLine(IEnumerable<SourceRef> sources) =>
        CardParts.Footer(Format.Sources(sources, knowledge)) with { Spacing = CardSpacing.Medium };
}
