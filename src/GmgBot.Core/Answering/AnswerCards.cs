using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Knowledge;
using Fact = GmgBot.Core.Cards.Fact;
using KnowledgeFact = GmgBot.Core.Knowledge.Fact;

namespace GmgBot.Core.Answering;

/// <summary>The cards that answer questions about people, groups, SDG targets, dated events, facts and passages.</summary>
public sealed class AnswerCards(KnowledgeSnapshot knowledge, AgendaCards agenda)
{
    private Timeline Timeline => knowledge.Timeline;

    public AdaptiveCard Person(Person person, IReadOnlyList<Appearance> appearances)
    {
        var body = new List<CardElement> { CardParts.Heading(person.Name) };
        var role = knowledge.PersonRole(person);
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
                body.Add(CardParts.TappableRow(items, AgendaCards.ShowSession(s)) with { Separator = true, Spacing = CardSpacing.Small });
            }
        }
        if (Spellings(person) is { } spellings)
        {
            body.Add(CardParts.Notice("ℹ️", spellings));
        }
        body.Add(agenda.SourceLine([person.Source, .. appearances.Select(a => a.Session.Session.Source)]));
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
            body.Add(CardParts.Notice("ℹ️", names));
        }
        body.Add(agenda.SourceLine([group.LeadsSource, .. group.Names.Select(n => n.Source), .. group.Responsibilities.Select(r => r.Source)]));
        return CardParts.Card(body, group.Name);
    }

    /// <summary>A list computed from the records (who appears twice, how many targets), each item with its detail.</summary>
    public AdaptiveCard Items(string heading, IReadOnlyList<(string Title, string? Detail)> items, IEnumerable<SourceRef> sources)
    {
        var body = new List<CardElement> { CardParts.Heading(heading) };
        foreach (var (title, detail) in items)
        {
            var lines = new List<CardElement> { new TextBlock(title) { Weight = TextWeight.Bolder } };
            if (detail is not null)
            {
                lines.Add(CardParts.Subtitle(detail));
            }
            body.Add(new Container(lines) { Separator = true });
        }
        body.Add(agenda.SourceLine(sources));
        return CardParts.Card(body, heading);
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
        body.Add(agenda.SourceLine(groups.Select(g => g.LeadsSource)));
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
        body.Add(agenda.SourceLine([target.Source, .. sessions.Select(s => s.Session.Source)]));
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
        body.Add(agenda.SourceLine([goal.Source, .. targets.Select(t => t.Source)]));
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
        body.Add(agenda.SourceLine([e.Source]));
        return CardParts.Card(body, e.Name);
    }

    public AdaptiveCard Fact(KnowledgeFact fact, IReadOnlyList<Claim> claims, bool disagree)
    {
        var body = new List<CardElement> { CardParts.Heading(Format.Capitalise(fact.Topic)) };
        if (disagree)
        {
            body.Add(CardParts.Notice("⚠️", "The documents differ on this. Each says:"));
        }
        foreach (var claim in claims)
        {
            body.Add(new Container(
            [
                new TextBlock(PlainText.NotAList(claim.Statement)),
                new TextBlock($"— {Format.Citation(claim.Source, knowledge)}") { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
            ]) { Spacing = CardSpacing.Medium });
        }
        if (fact.Note is { } note)
        {
            body.Add(new TextBlock(note) { IsSubtle = true });
        }
        return CardParts.Card(body, fact.Topic);
    }

    /// <summary>The passage a quote comes from, the quoted sentences in bold, so the reader sees them in their context.</summary>
    public AdaptiveCard Passage(string quote, string passage, SourceRef source)
    {
        var title = knowledge.Documents.TryGetValue(source.Document, out var d) ? d.Title : source.Document;
        var at = passage.IndexOf(quote, StringComparison.Ordinal);
        var text = at < 0 || quote.Length == passage.Length ? passage : $"{passage[..at]}**{quote}**{passage[(at + quote.Length)..]}";
        return CardParts.Card(
        [
            new TextBlock($"“{text.Trim()}”"),
            new TextBlock(title) { Weight = TextWeight.Bolder, Size = TextSize.Small, Spacing = CardSpacing.Medium },
            new TextBlock(source.Section) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
        ], quote);
    }

    public AdaptiveCard Term(Term term) => CardParts.Card(
    [
        CardParts.Heading(term.Abbreviation),
        new TextBlock(term.Expansion),
        agenda.SourceLine([term.Source]),
    ], $"{term.Abbreviation}: {term.Expansion}");

    /// <summary>
    /// A note when the documents spell a name more than one way, citing each spelling. Spellings that differ only in
    /// case, accents, spaces or punctuation are the same name written alike, not a disagreement.
    /// </summary>
    public string? Spellings(Person person)
    {
        var distinct = person.Spellings.GroupBy(s => SamePerson(s.Name)).ToList();
        return distinct.Count < 2 ? null
            : "The documents spell this name differently: " + string.Join("; ", distinct.Select(g =>
                $"“{g.First().Name}” ({string.Join(", ", g.Select(s => Format.Citation(s.Source, knowledge)).Distinct())})"));
    }

    /// <summary>A note when documents name a group differently (not merely written differently, see <see cref="SameGroup"/>), citing each name.</summary>
    public string? GroupNames(WorkingGroup group) => NamesOf(group, group.Names.GroupBy(n => SameGroup(n.Name)).ToList(), "The documents name this group differently: ");

    /// <summary>Every spelling of the group's name with the documents that use it, for a question that asks what it is called.</summary>
    public string? GroupNamesAsked(WorkingGroup group) => NamesOf(group, group.Names.GroupBy(n => n.Name).ToList(), "The documents call it ", minimum: 1);

    private string? NamesOf(WorkingGroup group, List<IGrouping<string, NameVariant>> distinct, string lead, int minimum = 2) =>
        distinct.Count < minimum ? null
            : lead + string.Join("; ", distinct.Select(g =>
                $"“{g.First().Name}” ({string.Join(", ", g.Select(n => Format.Citation(n.Source, knowledge)).Distinct())})"));

    /// <summary>A person's name reduced to its letters and digits, without case or accents: "Ban Ki-moon" and "ban kimoon" are one name.</summary>
    private static string SamePerson(string name) => string.Concat(name.Normalize(System.Text.NormalizationForm.FormD)
        .Where(char.IsLetterOrDigit)
        .Select(char.ToLowerInvariant));

    /// <summary>
    /// What a group's name says, for telling real differences from ways of writing it: its words' stems in any order, without
    /// case, accents or punctuation, abbreviations the glossary spells out written out ("WG" is "Working Groups"), and
    /// an organisation's acronym in front of it ("GMG Working Group on …") left out as the qualifier it is.
    /// </summary>
    private string SameGroup(string name)
    {
        var words = name.Split([' ', ',', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && knowledge.Organisations.Values.Any(o => o.Acronyms.Contains(words[0])))
        {
            words.RemoveAt(0);
        }
        var spelledOut = words.Select(w => knowledge.Knowledge.Glossary.FirstOrDefault(t =>
            t.Abbreviation.Equals(w, StringComparison.Ordinal) || t.Aliases.Contains(w)) is { } term ? term.Expansion.Split('(')[0] : w);
        var stems = Search.TextAnalysis.Terms(string.Join(' ', spelledOut)).Distinct().Order(StringComparer.Ordinal);
        return string.Join(' ', stems);
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
            body.Add(CardParts.TappableRow([new TextBlock($"{Format.ShortWhen(Timeline, s.Session)} · **{s.Session.Title}**")], AgendaCards.ShowSession(s.Session)) with
            {
                Separator = true,
                Spacing = CardSpacing.Small,
            });
        }
    }
}
