using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using Markdig;

namespace GmgBot.Core.Search;

public enum SearchKind { Session, Person, Organisation, Group, Target, Goal, Event, Fact, Term, Passage }

/// <summary>One searchable unit: a knowledge record or a passage of a document, with its citation.</summary>
public sealed record SearchDocument(
    string Id,
    SearchKind Kind,
    string RefId,
    string Title,
    IReadOnlyList<string> Names,
    string Body,
    SourceRef Source);

/// <summary>Phrases that mean the same (an acronym and its expansion, two spellings of a name).</summary>
public sealed record SynonymGroup(IReadOnlyList<string> Phrases);

/// <summary>Everything the index holds, derived from the knowledge base; its hash decides whether an index is current.</summary>
public sealed partial record SearchCorpus(
    IReadOnlyList<SearchDocument> Documents,
    IReadOnlyList<SynonymGroup> Synonyms,
    string ContentHash)
{
    // Passages longer than this are split at sentence ends so an answer quotes a few sentences, not a page.
    private const int MaxPassageChars = 600;

    // Analysed once per corpus: the answering engine, the Lucene snapshot and the Azure query writer all need it.
    private readonly (IReadOnlyList<IReadOnlySet<string>> Terms, IReadOnlyDictionary<string, int> Frequency) _analysis = Analyse(Documents);

    /// <summary>The index terms of each document (title, names and body), in the order of <see cref="Documents"/>.</summary>
    public IReadOnlyList<IReadOnlySet<string>> DocumentTerms => _analysis.Terms;

    /// <summary>How many documents use each index term; a term not in it is unknown to the knowledge.</summary>
    public IReadOnlyDictionary<string, int> DocumentFrequency => _analysis.Frequency;

    private static (IReadOnlyList<IReadOnlySet<string>>, IReadOnlyDictionary<string, int>) Analyse(IReadOnlyList<SearchDocument> documents)
    {
        IReadOnlyList<IReadOnlySet<string>> terms = [.. documents.Select(d =>
            (IReadOnlySet<string>)TextAnalysis.Terms($"{d.Title} {string.Join(' ', d.Names)} {d.Body}").ToHashSet())];
        var frequency = terms.SelectMany(t => t).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        return (terms, frequency);
    }

    /// <summary>The corpus of a snapshot, built once and kept with it.</summary>
    public static SearchCorpus Of(KnowledgeSnapshot snapshot) => snapshot.Derived(s => From(s.Knowledge));

    public static SearchCorpus From(KnowledgeBase knowledge)
    {
        var documents = new List<SearchDocument>();
        var organisations = knowledge.Organisations.ToDictionary(o => o.Id);
        var people = knowledge.People.ToDictionary(p => p.Id);
        string PersonName(string id) => people.TryGetValue(id, out var p) ? p.Name : id;
        string OrganisationName(string id) => organisations.TryGetValue(id, out var o) ? o.Name : id;

        foreach (var s in knowledge.Sessions)
        {
            var who = s.Chairs.Select(c => PersonName(c.Person))
                .Concat(s.Speakers.Select(sp => $"{PersonName(sp.Person)} {sp.Topic}"))
                .Concat(s.FacilitatedBy.Select(OrganisationName));
            documents.Add(new($"session:{s.Id}", SearchKind.Session, s.Id, s.Title, s.Aliases,
                Join(s.Subtitle, s.Description, string.Join(". ", who), string.Join(" ", s.SdgTargets)), s.Source));
        }
        foreach (var p in knowledge.People)
        {
            var organisation = p.Organisation is { } o ? OrganisationName(o) : null;
            documents.Add(new($"person:{p.Id}", SearchKind.Person, p.Id, p.Name,
                [.. p.Spellings.Select(v => v.Name).Distinct()], Join(p.Title, organisation, p.Notes), p.Source));
        }
        foreach (var o in knowledge.Organisations)
        {
            documents.Add(new($"organisation:{o.Id}", SearchKind.Organisation, o.Id, o.Name,
                [.. o.Acronyms, .. o.Aliases], o.Name, o.Source));
        }
        foreach (var g in knowledge.WorkingGroups)
        {
            var leads = string.Join(", ", g.Leads.Select(OrganisationName));
            documents.Add(new($"group:{g.Id}", SearchKind.Group, g.Id, g.Name,
                [.. g.Names.Select(n => n.Name), .. g.Aliases],
                Join(leads, string.Join(" ", g.Responsibilities.Select(r => r.Text))), g.Source));
        }
        foreach (var goal in knowledge.Sdg.Goals)
        {
            documents.Add(new($"goal:{goal.Number}", SearchKind.Goal, goal.Number.ToString(),
                $"SDG Goal {goal.Number}", [$"Goal {goal.Number}"], goal.Text ?? "", goal.Source));
        }
        foreach (var t in knowledge.Sdg.Targets)
        {
            documents.Add(new($"target:{t.Id}", SearchKind.Target, t.Id, $"SDG target {t.Id}", [t.Id], t.Text ?? "", t.Source));
        }
        foreach (var e in knowledge.Events)
        {
            documents.Add(new($"event:{e.Id}", SearchKind.Event, e.Id, e.Name, e.Aliases,
                Join(e.When, e.Place, e.Description), e.Source));
        }
        foreach (var f in knowledge.Facts)
        {
            documents.Add(new($"fact:{f.Id}", SearchKind.Fact, f.Id, f.Topic, f.Keywords,
                string.Join(" ", f.Claims.Select(c => c.Statement)), f.Claims[0].Source));
        }
        foreach (var t in knowledge.Glossary)
        {
            documents.Add(new($"term:{t.Abbreviation}", SearchKind.Term, t.Abbreviation, t.Abbreviation,
                [t.Expansion, .. t.Aliases], t.Expansion, t.Source));
        }
        foreach (var d in knowledge.Documents)
        {
            foreach (var (section, index) in d.Sections.Select((s, i) => (s, i)))
            {
                var n = 0;
                foreach (var passage in Passages(section.Text))
                {
                    documents.Add(new($"passage:{d.Id}:{index}:{n++}", SearchKind.Passage, d.Id,
                        $"{d.ShortTitle}: {section.Heading}", [], passage, new SourceRef { Document = d.Id, Section = section.Heading }));
                }
            }
        }

        return new SearchCorpus(documents, SynonymsOf(knowledge, documents), knowledge.ContentHash);
    }

    /// <summary>Plain-text passages of a Markdown section: paragraphs, long ones cut at sentence ends.</summary>
    public static IEnumerable<string> Passages(string markdown)
    {
        // Split before converting: Markdig's plain text keeps no blank line between paragraphs.
        foreach (var paragraph in BlankLines().Split(markdown))
        {
            var text = Whitespace().Replace(Markdown.ToPlainText(paragraph), " ").Trim();
            if (text.Length == 0)
            {
                continue;
            }
            if (text.Length <= MaxPassageChars)
            {
                yield return text;
                continue;
            }
            var chunk = new System.Text.StringBuilder();
            foreach (var sentence in Sentences(text))
            {
                if (chunk.Length > 0 && chunk.Length + sentence.Length > MaxPassageChars)
                {
                    yield return chunk.ToString().Trim();
                    chunk.Clear();
                }
                chunk.Append(sentence).Append(' ');
            }
            if (chunk.Length > 0)
            {
                yield return chunk.ToString().Trim();
            }
        }
    }

    /// <summary>Sentences of a plain text (a full stop, question or exclamation mark followed by a capital).</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static List<SynonymGroup> SynonymsOf(KnowledgeBase knowledge, IReadOnlyList<SearchDocument> documents)
    {
        // An abbreviation that is also an everyday word of the corpus ("MIGRANT", the ILO branch) would expand every
        // question using the word; such phrases are left out of their group.
        var frequency = documents
            .SelectMany(d => TextAnalysis.Terms($"{d.Title} {d.Body}").Distinct())
            .GroupBy(t => t)
            .ToDictionary(g => g.Key, g => g.Count());
        var common = Math.Max(3, documents.Count / 50);
        bool Usable(string phrase) => TextAnalysis.Terms(phrase) is not [var single] || frequency.GetValueOrDefault(single) <= common;

        IEnumerable<IEnumerable<string>> groups =
        [
            .. knowledge.Organisations.Select(o => o.Acronyms.Prepend(o.Name).Concat(o.Aliases)),
            .. knowledge.Glossary.Select(t => t.Aliases.Prepend(t.Expansion).Prepend(t.Abbreviation)),
            .. knowledge.People.Select(p => p.Spellings.Select(s => s.Name).Prepend(p.Name)),
        ];
        return [.. groups
            .Select(g => g.Where(p => !string.IsNullOrWhiteSpace(p) && Usable(p)).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            .Where(g => g.Count > 1)
            .Select(g => new SynonymGroup(g))];
    }

    private static string Join(params string?[] parts) =>
        string.Join(". ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?][""”’)]?)\s+(?=[A-Z(“""‘])")]
    private static partial Regex SentenceEnd();
}
