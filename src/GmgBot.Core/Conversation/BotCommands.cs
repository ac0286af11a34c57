using System.Text.Json.Nodes;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Conversation;

/// <summary>
/// A command the bot understands. <see cref="Name"/> is what the user types first (and the Teams manifest's
/// command title).
/// </summary>
public sealed record BotCommand(string Name, string Usage, string Description);

/// <summary>The one list of the bot's commands: help, the manifest's command lists and routing all read it.</summary>
public static class BotCommands
{
    public static BotCommand Help { get; } = new("help", "help", "What I can do and how to ask");
    public static BotCommand Agenda { get; } = new("agenda", "agenda · agenda day 2", "The sessions of the meeting, all days or one day");
    public static BotCommand Now { get; } = new("now", "now", "What is on right now, and in which room");
    public static BotCommand Next { get; } = new("next", "next", "The next session");
    public static BotCommand WhoIs { get; } = new("who is", "who is …", "A speaker's or chair's role and sessions");
    public static BotCommand Sdg { get; } = new("sdg", "sdg …", "Sessions that discuss an SDG target");
    public static BotCommand Groups { get; } = new("groups", "groups", "Working groups and task forces and their co-chairs");
    public static BotCommand RemindMe { get; } = new("remind me", "remind me about … 15 minutes before", "A reminder before a session starts");
    public static BotCommand MyReminders { get; } = new("my reminders", "my reminders", "The reminders you have set");
    public static BotCommand Cancel { get; } = new("cancel", "cancel …", "Cancel one of your reminders");
    public static BotCommand Calendar { get; } = new("calendar", "calendar · calendar today · calendar feed · calendar revoke", "Put sessions into your Outlook calendar or any calendar app");
    public static BotCommand Broadcast { get; } = new("broadcast", "broadcast", "Organizers: send a session reminder or a day's schedule");

    public static IReadOnlyList<BotCommand> All { get; } =
        [Help, Agenda, Now, Next, WhoIs, Sdg, Groups, RemindMe, MyReminders, Cancel, Calendar, Broadcast];

    /// <summary>The verb of a card button that runs a command as if the user had typed it.</summary>
    public const string SendVerb = "command";

    /// <summary>The data property of <see cref="SendVerb"/> that holds the command's text.</summary>
    public const string SendProperty = "command";

    /// <summary>
    /// A button that runs <paramref name="command"/> as if the user had typed it: an Action.Submit to
    /// <see cref="SendVerb"/>. (Teams could post it as the user's message with an imBack, but clients such as the Agents
    /// Playground drop those presses; data every client submits is what works everywhere.)
    /// </summary>
    public static ActionSubmit Button(string title, string command) =>
        CardParts.SubmitButton(title, SendVerb, new JsonObject { [SendProperty] = command });

    /// <summary>
    /// The command <paramref name="text"/> starts with (longest name first, case-insensitive, a leading "/"
    /// allowed) and the rest of the text as its argument; null when it starts with none.
    /// </summary>
    public static CommandMatch? Match(string text)
    {
        var normalized = string.Join(' ', text.Trim().TrimStart('/').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        foreach (var command in All.OrderByDescending(c => c.Name.Length))
        {
            if (normalized.Equals(command.Name, StringComparison.OrdinalIgnoreCase))
            {
                return new CommandMatch(command, string.Empty);
            }

            if (normalized.StartsWith(command.Name + " ", StringComparison.OrdinalIgnoreCase))
            {
                return new CommandMatch(command, normalized[(command.Name.Length + 1)..].Trim());
            }
        }

        return null;
    }
}

public sealed record CommandMatch(BotCommand Command, string Argument);
