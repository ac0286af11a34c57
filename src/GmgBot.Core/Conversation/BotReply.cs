using GmgBot.Core.Cards;

namespace GmgBot.Core.Conversation;

/// <summary>
/// What the bot says in answer to one turn: a short text line and, where a card reads better, cards.
/// Built by the core, turned into activities by the bot's turn handler.
/// </summary>
public sealed record BotReply(string Text, IReadOnlyList<AdaptiveCard> Cards)
{
    public static BotReply Plain(string text) => new(text, []);

    public static BotReply WithCard(string text, AdaptiveCard card) => new(text, [card]);
}
