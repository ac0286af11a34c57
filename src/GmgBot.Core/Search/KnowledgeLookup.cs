using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;

namespace GmgBot.Core.Search;

/// <param name="Id">The record's id: a session id, a person id, a working group id, an SDG target ("10.7").</param>
public sealed record LookupHit(SearchKind Kind, string Id, string Title, int Score);

/// <summary>
/// Search as you type over the records people look up by name (sessions, people, working groups, SDG targets): every
/// word typed, even half of it, must begin a word of the record, and words of its name count more than words of its
/// details (a speaker's name finds the person before the sessions they speak in). Accents and case do not matter.
/// In memory, from the search corpus, so a keystroke costs no index round trip (Azure AI Search included).
/// </summary>
public sealed partial class KnowledgeLookup
{
    private static readonly IReadOnlyDictionary<SearchKind, int> KindOrder = new Dictionary<SearchKind, int>
    {
        [SearchKind.Session] = 0, [SearchKind.Person] = 1, [SearchKind.Group] = 2, [SearchKind.Target] = 3,
    };

    private readonly List<Entry> _entries;

    public KnowledgeLookup(SearchCorpus corpus)
    {
        _entries = [.. corpus.Documents
            .Where(d => KindOrder.ContainsKey(d.Kind))
            .Select(d => new Entry(d, [.. Words($"{d.Title} {string.Join(' ', d.Names)}").Distinct()], [.. Words(d.Body).Distinct()], Fold(d.Title)))];
    }

    /// <summary>The lookup of a snapshot, built once and kept with it.</summary>
    public static KnowledgeLookup Of(KnowledgeSnapshot snapshot) => snapshot.Derived(s => new KnowledgeLookup(SearchCorpus.Of(s)));

    /// <summary>Records that match every word of <paramref name="text"/>, best first; none when it has no word.</summary>
    public IReadOnlyList<LookupHit> Find(string text, IReadOnlySet<SearchKind>? kinds = null, int max = 25)
    {
        var words = Words(text);
        if (words.Count == 0)
        {
            return [];
        }
        var phrase = string.Join(' ', words);
        var hits = new List<(LookupHit Hit, int Order)>();
        foreach (var entry in _entries)
        {
            if (kinds is not null && !kinds.Contains(entry.Document.Kind))
            {
                continue;
            }
            var score = 0;
            foreach (var word in words)
            {
                var inName = Best(entry.NameWords, word);
                var found = inName > 0 ? 2 + inName : Best(entry.OtherWords, word);
                if (found == 0)
                {
                    score = 0;
                    break;
                }
                score += found;
            }
            if (score == 0)
            {
                continue;
            }
            // What was typed is how the name starts: the best match there is.
            if (entry.FoldedTitle.StartsWith(phrase, StringComparison.Ordinal))
            {
                score += 4;
            }
            hits.Add((new LookupHit(entry.Document.Kind, entry.Document.RefId, entry.Document.Title, score), hits.Count));
        }
        return [.. hits
            .OrderByDescending(h => h.Hit.Score)
            .ThenBy(h => KindOrder[h.Hit.Kind])
            .ThenBy(h => h.Order)
            .Take(max)
            .Select(h => h.Hit)];
    }

    /// <summary>2 when <paramref name="word"/> is a whole word of <paramref name="words"/>, 1 when it begins one, else 0.</summary>
    private static int Best(string[] words, string word)
    {
        var best = 0;
        foreach (var candidate in words)
        {
            if (candidate.StartsWith(word, StringComparison.Ordinal))
            {
                best = candidate.Length == word.Length ? 2 : Math.Max(best, 1);
                if (best == 2)
                {
                    break;
                }
            }
        }
        return best;
    }

    /// <summary>Lower case without accents, words split at anything but letters, digits and inner dots ("10.7").</summary>
    private static List<string> Words(string text) => [.. Word().Matches(Fold(text)).Select(m => m.Value)];

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }
        return folded.ToString();
    }

    private sealed record Entry(SearchDocument Document, string[] NameWords, string[] OtherWords, string FoldedTitle);
}
