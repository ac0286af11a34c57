using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>What an answer rests on, which decides whether "current" questions get a date caveat.</summary>
public enum AnswerBasis
{
    /// <summary>What the dated documents say: it may have changed since.</summary>
    Documents,
    /// <summary>The agenda read against the clock (now, next, a day's schedule): true when asked.</summary>
    Clock,
    /// <summary>The bot's own words: greetings, declines.</summary>
    Conversation,
}

/// <summary>
/// What the engine answers: a label of the kind of answer (for logs and the command line), a short text line, a
/// card, the sources cited, and what the answer rests on.
/// </summary>
public sealed record Answer(string Intent, string Text, AdaptiveCard? Card, IReadOnlyList<SourceRef> Sources, AnswerBasis Basis = AnswerBasis.Documents)
{
    /// <summary>The strategy that answered (<see cref="AnswerEngine.Strategies"/>), for logs and tuning.</summary>
    public string? Strategy { get; init; }

    public const string DeclineIntent = "decline";

    public bool Declined => Intent == DeclineIntent;

    public BotReply ToReply() => new(Text, Card is null ? [] : [Card]);
}
