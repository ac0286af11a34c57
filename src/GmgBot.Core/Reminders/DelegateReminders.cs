using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;

namespace GmgBot.Core.Reminders;

/// <summary>What delegates do with reminders — set, list, cancel — and what the bot answers.</summary>
public sealed class DelegateReminders(
    ReminderScheduler scheduler,
    IReminderStore store,
    RecipientDirectory recipients,
    IKnowledgeSource knowledge,
    TimeProvider time)
{
    public int DefaultLead => scheduler.Options.DefaultLeadMinutes;

    public async Task<BotReply> SetAsync(QuestionContext context, ScheduledSession session, int leadMinutes, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        var title = session.Session.Title;
        if (context.UserId is null || await recipients.PersonalChatOfAsync(context, cancellationToken) is not { } recipient)
        {
            return BotReply.Plain("I can't send you personal messages from here. Open a chat with me (search for the app in Teams) and ask again.");
        }
        var set = await scheduler.SetAsync(context.UserId, session, leadMinutes, recipient, cancellationToken);
        if (set is not { } result)
        {
            return BotReply.Plain($"**{title}** has already started ({Format.Time(session.Session.Start)} {Format.ZoneLabel(timeline)}, {Format.Room(session.Room)}).");
        }
        var now = time.GetUtcNow();
        var where = context.IsGroup ? " It will come in our personal chat." : "";
        var text = result.DueAt <= now
            ? $"**{title}** starts in {ReminderCards.Minutes((int)Math.Ceiling((session.Start - now).TotalMinutes))}, so I'm sending your reminder right away.{where}"
            : $"Done: I'll remind you {ReminderCards.Minutes(leadMinutes)} before **{title}** ({ReminderCards.When(session, timeline, context.UserTimeZone)}), "
                + $"at {Format.Time(TimeOnly.FromDateTime(timeline.ToLocal(result.DueAt).DateTime))}.{where}";
        return BotReply.Plain(text + " Type **my reminders** to see or cancel your reminders.");
    }

    public async Task<BotReply> ListAsync(QuestionContext context, string? heading, CancellationToken cancellationToken)
    {
        var card = await MineAsync(context, cancellationToken);
        return BotReply.WithCard(heading ?? card.FallbackText ?? "Your reminders", card);
    }

    public async Task<AdaptiveCard> MineAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        return ReminderCards.Mine(await UpcomingAsync(context, cancellationToken), timeline, context.UserTimeZone, time.GetUtcNow());
    }

    /// <summary>The user's reminders of sessions not yet over, in the order "my reminders" numbers them.</summary>
    public async Task<IReadOnlyList<(Reminder Reminder, ScheduledSession Session)>> UpcomingAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        if (context.UserId is null)
        {
            return [];
        }
        var timeline = knowledge.Current.Timeline;
        var now = time.GetUtcNow();
        return [.. (await store.OfUserAsync(context.UserId, cancellationToken))
            .Select(r => (Reminder: r, Session: timeline.Find(r.SessionId)))
            .Where(r => r.Session is not null && r.Session.End > now)
            .Select(r => (r.Reminder, r.Session!))
            .OrderBy(r => r.Item2.Start)];
    }

    public async Task<string> CancelAsync(QuestionContext context, long reminderId, CancellationToken cancellationToken)
    {
        var reminder = await store.FindAsync(reminderId, cancellationToken);
        if (reminder is null || reminder.UserId != context.UserId || !await scheduler.CancelAsync(reminderId, context.UserId, cancellationToken))
        {
            return "That reminder is not there any more (it may have been cancelled already).";
        }
        var title = knowledge.Current.Timeline.Find(reminder.SessionId)?.Session.Title ?? reminder.SessionId;
        return $"Cancelled your reminder for **{title}**.";
    }
}
