namespace GmgBot.Core.Search;

/// <summary>
/// A question reduced to index terms plus the synonym phrases it implies ("SDC" also searches for
/// "Swiss Agency for Development and Cooperation"). Lucene and Azure AI Search both execute it.
/// </summary>
public sealed record QueryPlan(IReadOnlyList<string> Terms, IReadOnlyList<IReadOnlyList<string>> Expansions)
{
    public bool IsEmpty => Terms.Count == 0;

    /// <summary>
    /// How many edits a term the index has never seen may be matched with (most likely a misspelt name), or null for
    /// none: short words are too easily confused. Shared so Lucene and Azure AI Search forgive the same typos.
    /// </summary>
    public static int? FuzzyEdits(string term) => term.Length switch
    {
        < 4 => null,
        < 7 => 1,
        _ => 2,
    };

    /// <summary>Words a stop-word-free phrase may have lost between its terms ("Agency [for] Development [and] Cooperation").</summary>
    public const int PhraseSlop = 3;

    public static QueryPlan Create(string text, AnalyzedSynonyms synonyms)
    {
        var terms = TextAnalysis.QuestionTerms(text).Distinct().ToList();
        return new QueryPlan(terms, synonyms.ExpansionsOf(TextAnalysis.QuestionTerms(text)));
    }
}

/// <summary>Synonym groups in term space, computed once per corpus.</summary>
public sealed class AnalyzedSynonyms
{
    private readonly List<List<string[]>> _groups;

    public AnalyzedSynonyms(IEnumerable<SynonymGroup> groups) =>
        _groups = [.. groups
            .Select(g => g.Phrases.Select(p => TextAnalysis.Terms(p).ToArray()).Where(t => t.Length > 0).ToList())
            .Where(g => g.Count > 1)];

    /// <summary>Every phrase that is a synonym of a phrase occurring in <paramref name="terms"/>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExpansionsOf(IReadOnlyList<string> terms)
    {
        var expansions = new List<IReadOnlyList<string>>();
        foreach (var group in _groups)
        {
            var present = group.FirstOrDefault(phrase => Contains(terms, phrase));
            if (present is null)
            {
                continue;
            }
            foreach (var phrase in group.Where(p => !ReferenceEquals(p, present) && !Contains(terms, p)))
            {
                if (!expansions.Any(e => e.SequenceEqual(phrase)))
                {
                    expansions.Add(phrase);
                }
            }
        }
        return expansions;
    }

    private static bool Contains(IReadOnlyList<string> terms, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= terms.Count; i++)
        {
            var j = 0;
            while (j < phrase.Length && terms[i + j] == phrase[j])
            {
                j++;
            }
            if (j == phrase.Length)
            {
                return true;
            }
        }
        return false;
    }
}
