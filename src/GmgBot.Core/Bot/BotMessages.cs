using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Bot;

/// <summary>The bot's own words (help, welcome, refusals), built from the command catalogue and the knowledge.</summary>
public static class BotMessages
{
    public const int MaxQuestionLength = 2000;

    /// <summary>The verb of "help" buttons on cards sent before help buttons sent their command as a message.</summary>
    public const string HelpVerb = "help";

    private const string AskFreely = "Or just ask in your own words. In channels and group chats, @mention me first.";

    /// <summary>
    /// What the bot can do, each command a row that runs it when tapped, with an example from the knowledge where the
    /// command needs one (a person, a target, a session), so that every row works as it is.
    /// </summary>
    public static BotReply Help(KnowledgeSnapshot knowledge, DateTimeOffset now)
    {
        var timeline = knowledge.Timeline;
        var session = timeline.Sessions.FirstOrDefault(s => s.End > now && !IsMinor(s)) ?? timeline.Sessions.First(s => !IsMinor(s));
        var chair = timeline.Sessions.SelectMany(s => s.Session.Chairs).Select(c => knowledge.PersonName(c.Person)).FirstOrDefault();
        var target = timeline.Sessions.SelectMany(s => s.Session.SdgTargets).FirstOrDefault();
        var secondDay = timeline.Days.Count > 1 ? $" day {timeline.Days[1].Day}" : "";
        var rows = new List<(string Command, string What)>
        {
            ($"agenda{secondDay}", BotCommands.Agenda.Description),
            ("now", BotCommands.Now.Description),
            ("next", BotCommands.Next.Description),
        };
        if (chair is not null)
        {
            rows.Add(($"who is {chair}", BotCommands.WhoIs.Description));
        }
        if (target is not null)
        {
            rows.Add(($"sdg {target}", BotCommands.Sdg.Description));
        }
        rows.Add(("groups", BotCommands.Groups.Description));
        rows.Add(($"remind me about {ShortName(session.Session)}", BotCommands.RemindMe.Description));
        rows.Add(("my reminders", $"{BotCommands.MyReminders.Description}, to change them"));
        rows.Add(("cancel", BotCommands.Cancel.Description));
        rows.Add(("calendar", BotCommands.Calendar.Description));
        rows.Add(("broadcast", BotCommands.Broadcast.Description));

        var body = new List<CardElement>
        {
            CardParts.Heading("What I can do"),
            CardParts.Subtitle("Tap one to try it."),
        };
        body.AddRange(rows.Select(r => CardParts.TappableRow(
            [
                new TextBlock(Title(r.Command)) { Weight = TextWeight.Bolder },
                new TextBlock(r.What) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
            ],
            BotCommands.Button(Title(r.Command), r.Command)) with { Separator = true, Spacing = CardSpacing.Small }));
        body.Add(CardParts.Footer(AskFreely));
        var text = "Here is what I can do: " + string.Join(", ", rows.Select(r => r.Command)) + ". " + AskFreely;
        return BotReply.WithCard("Here is what I can do. Tap a command to try it.", CardParts.Card(body, text));
    }

    public static BotReply Welcome(Timeline timeline)
    {
        var text = $"Hi, I'm GmgBot, the assistant for {timeline.Event.Name}. Ask me about the agenda, rooms, speakers and chairs, "
            + "the SDG targets sessions discuss, and who co-chairs which working group.";
        var body = new List<CardElement>
        {
            CardParts.Heading("Welcome to GmgBot"),
            new TextBlock($"I answer questions about {timeline.Event.Name}: the agenda, sessions and rooms, speakers and chairs, "
                + "the SDG targets each session discusses, and who co-chairs which working group."),
            CardParts.Subtitle("Every answer says which document it comes from.") with { Spacing = CardSpacing.Small },
        };
        if (AgendaCards.ReplayNotice(timeline) is { } replay)
        {
            body.Add(replay);
        }
        return BotReply.WithCard(text, CardParts.Card(body, text,
        [
            BotCommands.Button("See the agenda", BotCommands.Agenda.Name),
            BotCommands.Button("What can you do?", BotCommands.Help.Name),
        ]));
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

    /// <summary>"Agenda day 2", "SDG 10.7": a command as a title.</summary>
    private static string Title(string command) =>
        BotCommands.Match(command)?.Command == BotCommands.Sdg ? command.ToUpperInvariant() : Format.Capitalise(command);

    private static bool IsMinor(ScheduledSession s) => s.Session.Kind is SessionKind.Break or SessionKind.Meal or SessionKind.Registration;

    /// <summary>The shortest name people use for a session that still says "session", else its title.</summary>
    private static string ShortName(Session session) =>
        session.Aliases.Where(a => a.Contains("session", StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.Length).FirstOrDefault()
        ?? session.Title;
}
