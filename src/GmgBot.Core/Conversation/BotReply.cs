using GmgBot.Core.Cards;

namespace GmgBot.Core.Conversation;

/// <summary>
/// What the bot says in answer to one turn: one message. Either plain text (Markdown), or a card with a one-line
/// summary in <see cref="Text"/> (what notifications and the chat list show; the card carries the details). Built by
/// the core, turned into an activity by the bot's turn handler.
/// </summary>
public sealed record BotReply(string Text, IReadOnlyList<AdaptiveCard> Cards)
{
    /// <summary>What the user may want next, offered as buttons under the message (commands, sent as if typed).</summary>
    public IReadOnlyList<string> Suggestions { get; init; } = [];

    public static BotReply Plain(string text) => new(text, []);

    public static BotReply WithCard(string summary, AdaptiveCard card) => new(summary, [card]);

    public BotReply Suggesting(params IEnumerable<string> commands) => this with { Suggestions = [.. commands] };
}
