using System.Collections.Concurrent;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// What the answering engine derives from the knowledge to read questions: every word it uses (for spelling
/// correction), the names of people, organisations and documents, matchers for session, group, event and fact
/// names, and how telling each search term is. Built once per <see cref="KnowledgeSnapshot"/> (<see cref="Of"/>).
/// </summary>
public sealed partial class Lexicon
{
    // Words that say "a session" or "a group" but never which one.
    private static readonly string[] SessionNoise = ["session", "meeting", "agenda", "day", "gmg"];
    private static readonly string[] GroupNoise = ["gmg", "group", "working", "wg", "tf", "task", "force"];

    // Knowledge texts analysed once per snapshot: answers compare questions with the same few hundred texts over and over.
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> _termsOfText = new();
    private readonly Dictionary<string, int> _position;
    private readonly Dictionary<string, HashSet<string>> _organisationTerms;
    private readonly KnowledgeSnapshot _snapshot;

    public static Lexicon Of(KnowledgeSnapshot snapshot) => snapshot.Derived(s => new Lexicon(s));

    private Lexicon(KnowledgeSnapshot snapshot)
    {
        _snapshot = snapshot;
        var knowledge = snapshot.Knowledge;
        _organisationTerms = knowledge.Organisations.ToDictionary(
            o => o.Id, o => TextAnalysis.Terms(string.Join(' ', o.Acronyms.Concat(o.Aliases).Append(o.Name))).ToHashSet());
        var corpusWords = CorpusWords(knowledge).ToList();
        DocumentWords = corpusWords.ToHashSet();
        ProperNames = ProperNamesOf(knowledge);
        Vocabulary = corpusWords.Concat(EnglishWords.Common).Concat(EnglishWords.Generic).ToHashSet();
        Names = BuildGazetteer(knowledge, Vocabulary);
        SessionMatcher = new PhraseMatcher<ScheduledSession>(
            snapshot.Timeline.Sessions.Select(s => (s, (IEnumerable<string>)[s.Session.Title, .. s.Session.Aliases])), SessionNoise);
        GroupMatcher = new PhraseMatcher<WorkingGroup>(
            knowledge.WorkingGroups.Select(g => (g, (IEnumerable<string>)[g.Name, .. g.Names.Select(n => n.Name), .. g.Aliases])), GroupNoise);
        EventMatcher = new PhraseMatcher<DatedEvent>(
            knowledge.Events.Select(e => (e, (IEnumerable<string>)[e.Name, .. e.Aliases])));
        FactMatcher = new PhraseMatcher<Fact>(
            knowledge.Facts.Select(f => (f, (IEnumerable<string>)[f.Topic, .. f.Keywords])));
        Corpus = SearchCorpus.Of(snapshot);
        _position = Corpus.Documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        IndexTerms = Corpus.DocumentFrequency.Keys.ToHashSet();
        Spelling = new Spelling(corpusWords, Vocabulary, IndexTerms);
        MeetingTerms = MeetingTermsOf(snapshot);
        SessionNameTerms = snapshot.Timeline.Sessions.SelectMany(s => s.Session.Aliases.Append(s.Session.Title)).SelectMany(TextAnalysis.Terms).ToHashSet();
    }

    /// <summary>The words that name the meeting the bot serves: its name, title, city ("NY" too), venue, organisers and dates.</summary>
    public IReadOnlySet<string> MeetingTerms { get; }

    /// <summary>Every term of every session's title and aliases.</summary>
    public IReadOnlySet<string> SessionNameTerms { get; }

    private static HashSet<string> MeetingTermsOf(KnowledgeSnapshot snapshot)
    {
        var e = snapshot.Knowledge.Event;
        var dates = e.Days.Select(d => d.Date.ToString("d MMMM MMM yyyy", System.Globalization.CultureInfo.InvariantCulture));
        // "NY" for New York: the initials of a city of several words.
        var cityInitials = e.City.Contains(' ') ? string.Concat(e.City.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0])) : "";
        var organisers = e.Organisers.SelectMany(o => snapshot.Organisations.TryGetValue(o, out var org) ? org.Acronyms : []);
        return [.. TextAnalysis.Terms($"{e.Name} {e.Title} {e.City} {cityInitials} {e.Venue} {string.Join(' ', organisers)} meeting event {string.Join(' ', dates)}")];
    }

    /// <summary>Every word the documents and records use, folded.</summary>
    public IReadOnlySet<string> DocumentWords { get; }
    /// <summary>Words the documents only ever write capitalised, folded ("bangkok", "rio"): names of places, bodies, people.</summary>
    public IReadOnlySet<string> ProperNames { get; }
    /// <summary>Every word the knowledge uses, folded, and everyday English; words outside it are candidates for typos or out-of-scope questions.</summary>
    public IReadOnlySet<string> Vocabulary { get; }
    public Spelling Spelling { get; }
    /// <summary>Every index term (stem) of the knowledge.</summary>
    public IReadOnlySet<string> IndexTerms { get; }
    /// <summary>The knowledge as search documents, for the full-text index.</summary>
    public SearchCorpus Corpus { get; }
    public Gazetteer Names { get; }
    public PhraseMatcher<ScheduledSession> SessionMatcher { get; }
    public PhraseMatcher<WorkingGroup> GroupMatcher { get; }
    public PhraseMatcher<DatedEvent> EventMatcher { get; }
    public PhraseMatcher<Fact> FactMatcher { get; }

    /// <summary>
    /// How telling a term is (inverse document frequency). A term the knowledge never uses (after spelling correction)
    /// weighs twice the rarest known one: it most likely names what the question is really about; unless it is an
    /// everyday word of questions ("seem", "things"), which tells nothing and weighs like the commonest term.
    /// </summary>
    public double Rarity(string term) => Corpus.DocumentFrequency.TryGetValue(term, out var df)
        ? Math.Log(1 + (double)Corpus.Documents.Count / df)
        : GenericTerms.Contains(term) ? Math.Log(2) : 2 * Math.Log(1 + Corpus.Documents.Count);

    /// <summary>A word of questions that carries no topic at all ("seem", "things", "see").</summary>
    public bool IsFiller(string term) => GenericTerms.Contains(term);

    /// <summary>An everyday word of questions ("more", "than", "seem"), which never says what a question is about.</summary>
    public bool IsEveryday(string term) => GenericTerms.Contains(term) || EverydayTerms.Contains(term);

    private static readonly HashSet<string> EverydayTerms = [.. EnglishWords.Common.SelectMany(w => TextAnalysis.Terms(w)).Concat(EnglishWords.Common)];

    private static readonly HashSet<string> GenericTerms = [.. EnglishWords.Generic.SelectMany(w => TextAnalysis.Terms(w)).Concat(EnglishWords.Generic)];

    /// <summary>A term in a large share of the knowledge ("gmg", "migrat"): it tells nothing about what a question asks.</summary>
    public bool IsCommon(string term) => Corpus.DocumentFrequency.GetValueOrDefault(term) > Corpus.Documents.Count / 5;

    /// <summary>The index terms of a text from the knowledge (a title, a responsibility, a sentence), analysed once.</summary>
    public IReadOnlySet<string> TermsOf(string text) => _termsOfText.GetOrAdd(text, t => TextAnalysis.Terms(t).ToHashSet());

    /// <summary>The index terms of a search document: its title, names and body.</summary>
    public IReadOnlySet<string> TermsOf(SearchDocument document) =>
        _position.TryGetValue(document.Id, out var position) ? Corpus.DocumentTerms[position] : TermsOf($"{document.Title} {string.Join(' ', document.Names)} {document.Body}");

    /// <summary>The passages after <paramref name="passage"/> in the same section, up to about <paramref name="maxCharacters"/>.</summary>
    public IEnumerable<SearchDocument> Following(SearchDocument passage, int maxCharacters)
    {
        var index = _position.GetValueOrDefault(passage.Id, -1);
        var total = 0;
        for (var i = index + 1; index >= 0 && i < Corpus.Documents.Count; i++)
        {
            var next = Corpus.Documents[i];
            if (next.Kind != SearchKind.Passage || next.Source != passage.Source || (total += next.Body.Length) > maxCharacters)
            {
                yield break;
            }
            yield return next;
        }
    }

    /// <summary>True when the organisation's acronym is part of the names of several groups (the GMG in "GMG Working Group …").</summary>
    public bool NamesGroups(string organisationId) =>
        _snapshot.Organisations.TryGetValue(organisationId, out var o) && o.Acronyms.Any(a =>
            _snapshot.Knowledge.WorkingGroups.Count(g => g.Names.Select(n => n.Name).Append(g.Name).Any(n => Words.Of(n).Contains(Words.Fold(a)))) >= 2);

    /// <summary>The index terms of an organisation's names and acronyms ("ilo", "intern", "labour", "organ").</summary>
    public IReadOnlySet<string> OrganisationTerms(string id) => _organisationTerms.GetValueOrDefault(id) ?? [];

    private static HashSet<string> ProperNamesOf(KnowledgeBase knowledge)
    {
        var capitalised = new HashSet<string>();
        var lower = new HashSet<string>();
        foreach (var section in knowledge.Documents.SelectMany(d => d.Sections))
        {
            foreach (System.Text.RegularExpressions.Match token in WordToken().Matches(section.Text))
            {
                (char.IsUpper(token.Value[0]) ? capitalised : lower).Add(Words.Fold(token.Value));
            }
        }
        capitalised.ExceptWith(lower);
        return capitalised;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\p{L}[\p{L}'’-]*")]
    private static partial System.Text.RegularExpressions.Regex WordToken();

    /// <summary>Every word the knowledge uses, with repeats (their counts break ties between spelling corrections).</summary>
    private static IEnumerable<string> CorpusWords(KnowledgeBase knowledge)
    {
        foreach (var d in knowledge.Documents)
        {
            foreach (var s in d.Sections)
            {
                foreach (var w in Words.Of($"{s.Heading} {s.Text}"))
                {
                    yield return w;
                }
            }
        }
        var records = knowledge.Sessions.Select(s => $"{s.Title} {string.Join(' ', s.Aliases)} {s.Description}")
            .Concat(knowledge.People.Select(p => $"{p.Name} {string.Join(' ', p.Spellings.Select(v => v.Name))} {p.Title}"))
            .Concat(knowledge.Organisations.Select(o => $"{o.Name} {string.Join(' ', o.Aliases)}"))
            .Concat(knowledge.WorkingGroups.Select(g => $"{g.Name} {string.Join(' ', g.Aliases)}"))
            .Concat(knowledge.Events.Select(e => $"{e.Name} {string.Join(' ', e.Aliases)}"))
            .Concat(knowledge.Facts.Select(f => $"{f.Topic} {string.Join(' ', f.Keywords)}"));
        foreach (var record in records)
        {
            foreach (var w in Words.Of(record))
            {
                yield return w;
            }
        }
    }

    private static Gazetteer BuildGazetteer(KnowledgeBase knowledge, IReadOnlySet<string> vocabulary)
    {
        var names = new Gazetteer(vocabulary);
        foreach (var p in knowledge.People)
        {
            foreach (var name in p.Spellings.Select(s => s.Name).Prepend(p.Name).Distinct())
            {
                names.Add(EntityKind.Person, p.Id, name);
            }
        }
        foreach (var o in knowledge.Organisations)
        {
            names.Add(EntityKind.Organisation, o.Id, o.Name);
            foreach (var alias in o.Aliases)
            {
                names.Add(EntityKind.Organisation, o.Id, alias);
            }
            foreach (var acronym in o.Acronyms)
            {
                names.Add(EntityKind.Organisation, o.Id, acronym, acronym: true);
            }
        }
        foreach (var t in knowledge.Glossary)
        {
            names.Add(EntityKind.Term, t.Abbreviation, t.Abbreviation, acronym: true);
        }
        foreach (var d in knowledge.Documents)
        {
            foreach (var name in d.Aliases.Append(d.ShortTitle).Append(d.Title))
            {
                names.Add(EntityKind.Document, d.Id, name);
            }
        }
        // People are also named by surname alone, or first name alone, when only one person has it.
        foreach (var p in knowledge.People)
        {
            var parts = Words.Of(p.Name);
            if (parts.Count < 2)
            {
                continue;
            }
            foreach (var part in new[] { parts[^1], parts[0] })
            {
                var shared = knowledge.People.Count(q => Words.Of(q.Name).Contains(part));
                if (shared == 1 && part.Length >= 3 && !EnglishWords.Common.Contains(part) && names.IsUnique(EntityKind.Person, part))
                {
                    names.Add(EntityKind.Person, p.Id, part);
                }
            }
        }
        return names;
    }
}
