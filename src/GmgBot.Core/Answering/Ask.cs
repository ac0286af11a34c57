using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>One question being answered: the parsed question, the knowledge, the asker and the moment.</summary>
public sealed record Ask(ParsedQuestion Q, KnowledgeSnapshot K, KnowledgeCards Cards, QuestionContext User, DateTimeOffset Now)
{
    private readonly Dictionary<string, object?> _memo = [];

    /// <summary>Computes a value once per question: several handlers ask the same matcher the same thing.</summary>
    public TValue Once<TValue>(string key, Func<TValue> compute)
    {
        if (!_memo.TryGetValue(key, out var value))
        {
            _memo[key] = value = compute();
        }
        return (TValue)value!;
    }

    /// <summary>
    /// The question's terms that neither the named thing (<paramref name="names"/>) nor the words of the kind of
    /// question (<paramref name="cues"/>) account for: when several remain, the question is about something else
    /// that merely mentions the thing ("Which convention did Ban Ki-moon call to ratify?").
    /// </summary>
    public List<string> Unexplained(IEnumerable<string> names, IReadOnlySet<string> cues)
    {
        var named = names.SelectMany(K.TermsOf).ToHashSet();
        return [.. Q.Terms.Where(t => !named.Contains(t) && !cues.Contains(t) && !t.Any(char.IsDigit))];
    }

    public Answer Reply(string intent, string text, AdaptiveCard? card, IEnumerable<SourceRef> sources)
    {
        var cited = sources.Distinct().ToList();
        var line = cited.Count == 0 ? text : $"{text}\n\n_{Format.ShortSources(cited, K)}_";
        return new Answer(intent, line, card, cited);
    }
}
