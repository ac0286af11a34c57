using System.Globalization;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Search;

namespace GmgBot.Core.Reminders;

/// <summary>"remind me about &lt;session&gt; [N minutes before]".</summary>
public sealed class RemindMeCommand(DelegateReminders reminders, ISessionFinder sessions, IKnowledgeSource knowledge, TimeProvider time) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.RemindMe;

    public async Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var (lead, rest, error) = LeadTime.Parse(request.Argument, reminders.DefaultLead);
        if (error is not null)
        {
            return BotReply.Plain(error);
        }
        var now = time.GetUtcNow();
        if (rest.Length == 0)
        {
            var example = knowledge.Current.Timeline.Next(now)?.Session.Title ?? "a session's name";
            return BotReply.Plain($"Which session? For example: **remind me about {example} 10 minutes before**. "
                + "Or type **agenda** and press **Remind me** on a session.");
        }

        var matches = sessions.Find(rest, request.Context);
        if (matches.Named.Count == 1)
        {
            var result = await reminders.SetAsync(request.Context, matches.Named[0], lead, cancellationToken);
            return await reminders.ReplyAsync(result, request.Context, cancellationToken);
        }

        // Ambiguous or loose: offer the likely sessions still to come, and let the delegate pick.
        var candidates = (matches.Named.Count > 1 ? matches.Named : matches.Likely)
            .Where(s => s.Start > now)
            .Take(5)
            .ToList();
        if (candidates.Count == 0)
        {
            return BotReply.Plain($"I couldn't find a session still to come that matches “{rest}”. Type **agenda** to see the sessions, "
                + "and press **Remind me** on one.");
        }
        return BotReply.WithCard("Which session do you mean? Tap one.", ReminderCards.WhichSession(candidates, lead, knowledge.Current.Timeline, request.Context.UserTimeZone));
    }
}

/// <summary>"my reminders".</summary>
public sealed class MyRemindersCommand(DelegateReminders reminders) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.MyReminders;

    public Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        reminders.ListAsync(request.Context, null, cancellationToken);
}

/// <summary>"cancel &lt;reminder&gt;": a number from "my reminders", a session's name, or "all".</summary>
public sealed class CancelReminderCommand(DelegateReminders reminders) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.Cancel;

    public async Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var mine = await reminders.UpcomingAsync(request.Context, cancellationToken);
        if (mine.Count == 0)
        {
            return BotReply.Plain("You have no reminders to cancel.");
        }
        var argument = request.Argument.Trim().TrimStart('#').Trim();
        IReadOnlyList<Reminder> chosen;
        if (argument.Equals("all", StringComparison.OrdinalIgnoreCase) || argument.Equals("all reminders", StringComparison.OrdinalIgnoreCase))
        {
            chosen = [.. mine.Select(m => m.Reminder)];
        }
        else if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            if (number < 1 || number > mine.Count)
            {
                return await reminders.ListAsync(request.Context, $"You have {mine.Count} reminder(s); there is no number {number}.", cancellationToken);
            }
            chosen = [mine[number - 1].Reminder];
        }
        else
        {
            chosen = Match(mine, argument);
            if (chosen.Count != 1)
            {
                return await reminders.ListAsync(request.Context,
                    argument.Length == 0 ? "Which reminder? Press Cancel on it, or type cancel and its number."
                        : $"I couldn't tell which reminder “{argument}” is. Press Cancel on it, or type cancel and its number.", cancellationToken);
            }
        }
        var cancelled = new List<Reminder>();
        foreach (var reminder in chosen)
        {
            if (await reminders.CancelAsync(request.Context, reminder.Id, cancellationToken) is { } done)
            {
                cancelled.Add(done);
            }
        }
        (string Text, Cards.CardAction? Undo) notice = cancelled switch
        {
            [] => ("Those reminders are not there any more (they may have been cancelled already).", null),
            [var one] => ($"Cancelled your reminder for {reminders.TitleOf(one)}.", ReminderCards.UndoCancel(one, ReminderVerbs.MineView)),
            _ => ($"Cancelled {cancelled.Count} reminders.", null),
        };
        return BotReply.WithCard(notice.Text, await reminders.MineAsync(request.Context, notice, cancellationToken));
    }

    private static IReadOnlyList<Reminder> Match(IReadOnlyList<(Reminder Reminder, ScheduledSession Session)> mine, string text)
    {
        var matcher = new PhraseMatcher<Reminder>(mine.Select(m => (m.Reminder, (IEnumerable<string>)[m.Session.Session.Title, .. m.Session.Session.Aliases])),
            ["session", "reminder", "the", "for", "my"]);
        var matches = matcher.Match(Search.TextAnalysis.QuestionTerms(text));
        if (matches.Count == 0)
        {
            return [];
        }
        return matches.Count == 1 || matches[0].Score - matches[1].Score >= 0.1 ? [matches[0].Item] : [];
    }
}
