using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>What the engine answers: the kind of answer, a short text line, a card, and the sources cited.</summary>
public sealed record Answer(string Intent, string Text, AdaptiveCard? Card, IReadOnlyList<SourceRef> Sources)
{
    public const string DeclineIntent = "decline";

    public bool Declined => Intent == DeclineIntent;

    public BotReply ToReply() => new(Text, Card is null ? [] : [Card]);
}
