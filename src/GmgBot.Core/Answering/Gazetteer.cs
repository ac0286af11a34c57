namespace GmgBot.Core.Answering;

public enum EntityKind { Person, Organisation, Term, Document }

/// <summary>A name found in a question: which record, where, and whether a typo had to be forgiven.</summary>
public sealed record EntityMention(EntityKind Kind, string Id, int Start, int Length, bool Fuzzy);

/// <summary>
/// Names the bot must recognise exactly (people, organisations and their acronyms, abbreviations),
/// matched as whole word sequences, longest first, after correcting words that are one or two typos
/// away from a known name word ("Leighten" → "leighton").
/// </summary>
public sealed class Gazetteer
{
    private readonly Dictionary<string, List<(EntityKind Kind, string Id, bool CaseSensitive, string Surface)>> _entries = [];
    private readonly HashSet<string> _nameWords = [];
    private readonly IReadOnlySet<string> _knownWords;
    private int _longest = 1;

    /// <param name="knownWords">Words that are correct as typed (the knowledge's vocabulary and common English); never "corrected".</param>
    public Gazetteer(IReadOnlySet<string> knownWords) => _knownWords = knownWords;

    /// <summary>Adds a name. Short acronyms that are also English words ("UN", "IOE") only match when typed in capitals.</summary>
    public void Add(EntityKind kind, string id, string name, bool acronym = false)
    {
        var words = Words.Of(name);
        if (words.Count == 0)
        {
            return;
        }
        var key = Words.Key(words);
        var caseSensitive = acronym && (name.Length <= 2 || CommonWords.Contains(key));
        if (!_entries.TryGetValue(key, out var list))
        {
            _entries[key] = list = [];
        }
        if (!list.Any(e => e.Kind == kind && e.Id == id))
        {
            list.Add((kind, id, caseSensitive, name));
        }
        _longest = Math.Max(_longest, words.Count);
        if (!acronym)
        {
            _nameWords.UnionWith(words.Where(w => w.Length >= 5));
        }
    }

    /// <summary>True when <paramref name="name"/> (as words) names no other record of <paramref name="kind"/> than one at most.</summary>
    public bool IsUnique(EntityKind kind, string name) =>
        !_entries.TryGetValue(Words.Key(Words.Of(name)), out var list) || list.Count(e => e.Kind == kind) <= 1;

    public IReadOnlyList<EntityMention> Find(string text)
    {
        var words = Words.Of(text);
        var corrected = words.Select(Correct).ToList();
        var raw = RawTokens(text);
        var mentions = new List<EntityMention>();
        for (var i = 0; i < corrected.Count;)
        {
            var matched = 0;
            for (var n = Math.Min(_longest, corrected.Count - i); n >= 1 && matched == 0; n--)
            {
                if (!_entries.TryGetValue(Words.Key(corrected.Skip(i).Take(n).Select(c => c.Word)), out var list))
                {
                    continue;
                }
                foreach (var entry in list)
                {
                    if (entry.CaseSensitive && !(n == 1 && i < raw.Count && raw[i] == entry.Surface))
                    {
                        continue;
                    }
                    var fuzzy = corrected.Skip(i).Take(n).Any(c => c.Fuzzy);
                    mentions.Add(new EntityMention(entry.Kind, entry.Id, i, n, fuzzy));
                    matched = n;
                }
            }
            i += Math.Max(matched, 1);
        }
        return mentions;
    }

    private (string Word, bool Fuzzy) Correct(string word)
    {
        if (_entries.ContainsKey(word) || _nameWords.Contains(word) || _knownWords.Contains(word))
        {
            return (word, false);
        }
        var allowed = EditDistance.Allowed(word.Length);
        if (allowed == 0)
        {
            return (word, false);
        }
        string? best = null;
        var bestDistance = allowed + 1;
        var tie = false;
        foreach (var candidate in _nameWords)
        {
            var d = EditDistance.Bounded(word, candidate, allowed);
            if (d < bestDistance)
            {
                (best, bestDistance, tie) = (candidate, d, false);
            }
            else if (d == bestDistance)
            {
                tie = true;
            }
        }
        return best is not null && !tie ? (best, true) : (word, false);
    }

    // The question's tokens with their original casing, aligned with Words.Of, to check acronyms typed in capitals.
    private static List<string> RawTokens(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text.Replace('’', '\''), @"[\p{L}0-9]+(?:[.:][\p{L}0-9]+)*").Select(m => m.Value)];

    // Acronyms that are also everyday words must be typed in capitals to count ("WHO" the agency, not "who").
    private static readonly HashSet<string> CommonWords =
        ["who", "are", "was", "can", "may", "it", "us", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in",
         "is", "me", "my", "no", "of", "on", "or", "so", "to", "up", "we", "one", "all", "and", "any", "for", "how", "new",
         "not", "now", "our", "out", "see", "the", "two", "use", "way", "day", "get", "has", "her", "him", "his", "its",
         "let", "old", "own", "say", "she", "too", "set", "put", "end", "why", "ask", "aid", "art", "arm", "act", "ban"];
}
