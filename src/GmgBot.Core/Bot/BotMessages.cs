using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Bot;

/// <summary>The bot's own words (help, welcome, refusals), built from the command catalogue.</summary>
public static class BotMessages
{
    public const int MaxQuestionLength = 2000;

    public const string HelpVerb = "help";

    public static BotReply Help()
    {
        var lines = BotCommands.All.Select(c => $"- **{c.Usage}**: {c.Description}");
        var text = "Here is what I can do:\n\n" + string.Join('\n', lines)
            + "\n\nOr just ask a question in your own words. In channels and group chats, @mention me first.";

        var card = CardParts.Card(
        [
            CardParts.Heading("What I can do") with { Size = TextSize.Medium },
            new FactSet(BotCommands.All
                .Select(c => new Fact(c.Usage, c.Description))
                .ToList()),
            new TextBlock("Or ask a question in your own words. In channels and group chats, @mention me first.") { IsSubtle = true },
        ], text);
        return BotReply.WithCard(text, card);
    }

    public static BotReply Welcome()
    {
        const string text = "Hi, I'm GmgBot, the assistant for the Global Migration Group's meetings. "
            + "Ask me about the agenda, sessions, rooms, speakers and chairs, the SDG targets sessions discuss, "
            + "and who co-chairs which working group. Type **help** to see everything I can do.";
        var card = CardParts.Card(
        [
            CardParts.Heading("Welcome to GmgBot"),
            new TextBlock("I answer questions about the Global Migration Group's meetings: the agenda, sessions and rooms, "
                + "speakers and chairs, the SDG targets each session discusses, and who co-chairs which working group."),
            new TextBlock("Every answer says which document it comes from.") { IsSubtle = true },
        ], text,
        [
            CardParts.SubmitButton("Show what I can do", HelpVerb),
        ]);
        return BotReply.WithCard(text, card);
    }

    public static BotReply EmptyMessage() =>
        BotReply.Plain("I didn't get any text there. Ask me a question, or type **help** to see what I can do.");

    public static BotReply TooLong(int length) =>
        BotReply.Plain($"That message is {length:N0} characters long; I can read questions up to {MaxQuestionLength:N0}. "
            + "Please ask a shorter question, or type **help** to see what I can do.");

    public static BotReply UnknownCommand(string word) =>
        BotReply.Plain($"I don't know the command \"{word}\". Type **help** to see the commands I understand.");

    public static BotReply UnknownCardAction() =>
        BotReply.Plain("I can't handle that button (it may belong to an older card). Type **help** to see what I can do.");

    public static BotReply OtherOrganization() =>
        BotReply.Plain("Sorry, I only serve the organization that runs me, and this conversation belongs to another one. "
            + "Nothing you send here is kept.");

    public static BotReply SomethingWentWrong() =>
        BotReply.Plain("Sorry, something went wrong on my side while answering. Please try again in a moment.");

    /// <summary>The database refused a write (or a read it needed): nothing was saved, and the user can simply repeat it.</summary>
    public static BotReply CannotSaveNow() =>
        BotReply.Plain("Sorry, I can't save that right now. Nothing was changed; please try again in a moment.");
}
