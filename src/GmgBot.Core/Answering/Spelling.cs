namespace GmgBot.Core.Answering;

/// <summary>
/// Corrects words a question misspells to the nearest word the knowledge uses ("remitances" →
/// "remittances"), preferring the more frequent word on a tie. Words it knows, short words and
/// everyday English words are left alone, so an out-of-scope question stays out of scope.
/// </summary>
public sealed class Spelling
{
    private readonly IReadOnlySet<string> _known;
    private readonly IReadOnlySet<string> _knownStems;
    private readonly Dictionary<char, List<(string Word, int Count)>> _byInitial;

    /// <param name="knownStems">Index terms: a word whose stem the knowledge uses ("presenting") is a real word, not a typo.</param>
    public Spelling(IEnumerable<string> corpusWords, IReadOnlySet<string> known, IReadOnlySet<string> knownStems)
    {
        _known = known;
        _knownStems = knownStems;
        _byInitial = corpusWords
            .Where(w => w.Length >= 4 && w.All(char.IsLetter))
            .GroupBy(w => w)
            .Select(g => (Word: g.Key, Count: g.Count()))
            .GroupBy(x => x.Word[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Count).ToList());
    }

    public string Correct(string word)
    {
        var allowed = EditDistance.Allowed(word.Length);
        if (allowed == 0 || _known.Contains(word) || !word.All(char.IsLetter) || !_byInitial.TryGetValue(word[0], out var candidates)
            || (Search.TextAnalysis.Stem(word) is { } stem && _knownStems.Contains(stem)))
        {
            return word;
        }
        string? best = null;
        var bestDistance = allowed + 1;
        // Candidates are ordered by frequency, so the first at the smallest distance is the most common.
        foreach (var (candidate, _) in candidates)
        {
            if (Math.Abs(candidate.Length - word.Length) > allowed)
            {
                continue;
            }
            var distance = EditDistance.Bounded(word, candidate, Math.Min(allowed, bestDistance - 1));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
                if (distance == 1)
                {
                    break;
                }
            }
        }
        return best ?? word;
    }
}
