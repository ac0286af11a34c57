using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>One question being answered: the parsed question, the knowledge, the asker and the moment.</summary>
public sealed record Ask(ParsedQuestion Q, KnowledgeSnapshot K, KnowledgeCards Cards, QuestionContext User, DateTimeOffset Now)
{
    public Answer Reply(string intent, string text, AdaptiveCard? card, IEnumerable<SourceRef> sources)
    {
        var cited = sources.Distinct().ToList();
        var line = cited.Count == 0 ? text : $"{text}\n\n_{Format.Sources(cited, K)}_";
        return new Answer(intent, line, card, cited);
    }
}
