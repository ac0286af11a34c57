
namespace GmgBot.Core.Search;

/// <param name="Coverage">The share of the matched name's words the question contains, 0 to 1.</param>
/// <param name="Explains">The share of the question's name-like words the matched name accounts for, 0 to 1.</param>
public sealed record PhraseMatch<T>(T Item, double Score, string Phrase, double Coverage, double Explains);

/// <summary>
/// Finds which named item (a session, a working group, an event) a question is about when people
/// paraphrase the name: term overlap weighted by how rare each term is among the names, as a cosine
/// of the question's and the phrase's weighted terms. Words common to most names ("migration",
/// "working group") count little; distinctive ones ("costs", "inclusive") decide, and a match must
/// share at least one of them.
/// </summary>
public sealed class PhraseMatcher<T>
    where T : notnull
{
    private readonly List<(T Item, string Phrase, Dictionary<string, double> Terms, double Norm)> _phrases = [];
    // Term → the phrases that contain it: a question is only compared with names that share a word with it.
    private readonly Dictionary<string, List<int>> _postings = [];
    private readonly Dictionary<string, double> _idf = [];
    private readonly double _distinctive;

    /// <param name="ignored">Words that never tell items apart ("session"); stemmed here like everything else.</param>
    public PhraseMatcher(IEnumerable<(T Item, IEnumerable<string> Phrases)> items, IEnumerable<string>? ignoredWords = null)
    {
        var ignored = ignoredWords?.Select(w => TextAnalysis.Stem(w) ?? w).ToHashSet();
        var analysed = items
            .SelectMany(i => i.Phrases.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p =>
                (i.Item, Phrase: p, Terms: TextAnalysis.Terms(p).Where(t => ignored is null || !ignored.Contains(t)).ToHashSet())))
            .Where(p => p.Terms.Count > 0)
            .ToList();
        // Rarity is counted per item, but items sharing a title ("Coffee break" twice) count once, so they do not dilute it.
        var titleOf = analysed.GroupBy(p => p.Item).ToDictionary(g => g.Key, g => string.Join(' ', g.First().Terms.Order()));
        var titles = titleOf.Values.Distinct().Count();
        foreach (var group in analysed.SelectMany(p => p.Terms.Select(t => (t, Title: titleOf[p.Item]))).Distinct().GroupBy(x => x.t))
        {
            _idf[group.Key] = Math.Log(1 + (double)titles / group.Count());
        }
        // A term in at most about a third of the titles helps identify an item; the coverage rule does the rest.
        _distinctive = 0.5 * Math.Log(1 + titles);
        foreach (var (item, phrase, terms) in analysed)
        {
            var weights = terms.ToDictionary(t => t, t => _idf[t]);
            foreach (var term in terms)
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }
                list.Add(_phrases.Count);
            }
            _phrases.Add((item, phrase, weights, weights.Values.Sum()));
        }
    }

    /// <summary>A question names an item only if it holds most of one of its names, not one word of a long title.</summary>
    public const double MinCoverage = 0.6;

    /// <summary>Items ranked by their best phrase's match with <paramref name="questionTerms"/>, best first; items that share no term are left out.</summary>
    public IReadOnlyList<PhraseMatch<T>> Match(IReadOnlyCollection<string> questionTerms)
    {
        var relevant = questionTerms.Where(_idf.ContainsKey).Distinct().ToList();
        if (relevant.Count == 0)
        {
            return [];
        }
        var questionNorm = relevant.Sum(t => _idf[t]);
        var best = new Dictionary<T, PhraseMatch<T>>();
        var candidates = new HashSet<int>();
        foreach (var t in relevant)
        {
            candidates.UnionWith(_postings[t]);
        }
        foreach (var candidate in candidates)
        {
            var (item, phrase, terms, norm) = _phrases[candidate];
            // Counted by hand: this runs for every name of every item, several times per question.
            var sharedCount = 0;
            var shared = 0.0;
            var distinctive = false;
            foreach (var t in relevant)
            {
                if (terms.TryGetValue(t, out var weight))
                {
                    sharedCount++;
                    shared += weight;
                    distinctive |= weight >= _distinctive;
                }
            }
            if (!distinctive)
            {
                continue;
            }
            var score = shared / Math.Sqrt(norm * questionNorm);
            // Counted, not weighted: a rare word must not stand for a whole name ("first" for "first panel").
            var match = new PhraseMatch<T>(item, score, phrase, (double)sharedCount / terms.Count, (double)sharedCount / relevant.Count);
            // Per item, a name the question mostly holds beats a better-scoring name it holds only in part.
            if (!best.TryGetValue(item, out var current)
                || (match.Coverage >= MinCoverage, match.Score).CompareTo((current.Coverage >= MinCoverage, current.Score)) > 0)
            {
                best[item] = match;
            }
        }
        return [.. best.Values.OrderByDescending(m => m.Score)];
    }

    /// <summary>The single item the question clearly names: good enough and ahead of the runner-up.</summary>
    public PhraseMatch<T>? Best(IReadOnlyCollection<string> questionTerms, double threshold = 0.5, double margin = 0.08, double minCoverage = MinCoverage)
    {
        var matches = Match(questionTerms).Where(m => m.Coverage >= minCoverage).ToList();
        if (matches.Count == 0 || matches[0].Score < threshold)
        {
            return null;
        }
        if (matches.Count == 1 || matches[0].Score - matches[1].Score >= margin)
        {
            return matches[0];
        }
        // Close scores: the name that accounts for more of the question wins ("first High-level Dialogue" over "High-level Dialogue").
        var close = matches.TakeWhile(m => matches[0].Score - m.Score < margin).OrderByDescending(m => m.Explains).ToList();
        return close[0].Explains > close[1].Explains ? close[0] : null;
    }
}
