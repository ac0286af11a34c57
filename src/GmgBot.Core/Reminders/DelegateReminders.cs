using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;

namespace GmgBot.Core.Reminders;

/// <summary>What came of asking for a reminder.</summary>
public enum ReminderOutcome
{
    /// <summary>Set; it goes out lead minutes before the start.</summary>
    Set,
    /// <summary>Set, but the lead time has passed already: it goes out at once.</summary>
    SendingNow,
    /// <summary>The session has started: too late.</summary>
    Started,
    /// <summary>The session is over.</summary>
    Ended,
    /// <summary>The bot cannot reach the user in a personal chat from here.</summary>
    NoPersonalChat,
}

/// <param name="Reminder">The reminder as stored, when it was set.</param>
public sealed record ReminderResult(ReminderOutcome Outcome, ScheduledSession Session, Reminder? Reminder = null);

/// <summary>What delegates do with reminders (set, list, cancel) and what the bot answers.</summary>
public sealed class DelegateReminders(
    ReminderScheduler scheduler,
    IReminderStore store,
    RecipientDirectory recipients,
    IKnowledgeSource knowledge,
    SessionCards sessionCards,
    TimeProvider time)
{
    public int DefaultLead => scheduler.Options.DefaultLeadMinutes;

    public async Task<ReminderResult> SetAsync(QuestionContext context, ScheduledSession session, int leadMinutes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (session.Start <= now)
        {
            return new(session.End <= now ? ReminderOutcome.Ended : ReminderOutcome.Started, session);
        }
        if (context.UserId is null || await recipients.PersonalChatOfAsync(context, cancellationToken) is not { } recipient)
        {
            return new(ReminderOutcome.NoPersonalChat, session);
        }
        if (await scheduler.SetAsync(context.UserId, session, leadMinutes, recipient, cancellationToken) is not { } set)
        {
            return new(ReminderOutcome.Started, session);
        }
        return new(set.DueAt <= time.GetUtcNow() ? ReminderOutcome.SendingNow : ReminderOutcome.Set, session, set.Reminder);
    }

    /// <summary>The answer to a reminder asked for in words: a line and the session's card as it now is for the user.</summary>
    public async Task<BotReply> ReplyAsync(ReminderResult result, QuestionContext context, CancellationToken cancellationToken)
    {
        var text = Describe(result, context);
        if (result.Outcome is ReminderOutcome.Started or ReminderOutcome.Ended)
        {
            // Too late for this one: the next session is what the user can still be reminded of.
            var next = knowledge.Current.Timeline.Next(time.GetUtcNow());
            if (next is not null && await sessionCards.ForAsync(next.Session.Id, context, personal: !context.IsGroup, cancellationToken) is { } nextCard)
            {
                return BotReply.WithCard($"{text} Next: {next.Session.Title} at {Format.Time(next.Session.Start)}.", nextCard);
            }
            return BotReply.Plain(text);
        }
        if (result.Reminder is null || context.IsGroup)
        {
            return BotReply.Plain(text);
        }
        var card = await sessionCards.ForAsync(result.Session.Session.Id, context, personal: true, cancellationToken,
            ReminderCards.JustSet(result.Reminder, result.Session, knowledge.Current.Timeline));
        return card is null ? BotReply.Plain(text) : BotReply.WithCard(text, card);
    }

    /// <summary>The outcome in one line: "Reminder set: 15 minutes before Reducing migration costs, at 10:30 New York time."</summary>
    public string Describe(ReminderResult result, QuestionContext context)
    {
        var timeline = knowledge.Current.Timeline;
        var s = result.Session.Session;
        var where = context.IsGroup ? " It will come in our personal chat." : "";
        return result.Outcome switch
        {
            ReminderOutcome.Set => $"Reminder set: {ReminderCards.Minutes(result.Reminder!.LeadMinutes)} before {s.Title}, "
                + $"at {ReminderCards.DueTime(result.Reminder, result.Session, timeline)}.{where}",
            ReminderOutcome.SendingNow => $"{s.Title} starts in {ReminderCards.Minutes(MinutesUntil(result.Session))}, so your reminder is on its way now.{where}",
            ReminderOutcome.Started => $"{s.Title} has already started ({Format.Span(s)} {Format.ZoneLabel(timeline)}, {Format.Room(result.Session.Room)}): too late for a reminder.",
            ReminderOutcome.Ended => $"{s.Title} has ended ({Format.ShortWhen(timeline, s)}).",
            _ => "I can't send you personal messages from here. Open a chat with me (search for the app in Teams) and ask again.",
        };
    }

    public async Task<BotReply> ListAsync(QuestionContext context, string? heading, CancellationToken cancellationToken)
    {
        var card = await MineAsync(context, null, cancellationToken);
        return BotReply.WithCard(heading ?? card.FallbackText ?? "Your reminders", card);
    }

    /// <summary>The "my reminders" card, kept current for the user by Teams' refresh; <paramref name="notice"/> says what just changed.</summary>
    public async Task<AdaptiveCard> MineAsync(QuestionContext context, (string Text, CardAction? Undo)? notice, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        var card = ReminderCards.Mine(await UpcomingAsync(context, cancellationToken), timeline, context.UserTimeZone, time.GetUtcNow(), notice);
        return card with { Refresh = CardParts.RefreshFor(context.UserId, ReminderVerbs.Mine) };
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

    /// <summary>Cancels the user's reminder; null when it is not theirs or not there any more.</summary>
    public async Task<Reminder?> CancelAsync(QuestionContext context, long reminderId, CancellationToken cancellationToken)
    {
        var reminder = await store.FindAsync(reminderId, cancellationToken);
        return reminder is not null && reminder.UserId == context.UserId && await scheduler.CancelAsync(reminderId, context.UserId, cancellationToken)
            ? reminder
            : null;
    }

    public string TitleOf(Reminder reminder) => knowledge.Current.Timeline.Find(reminder.SessionId)?.Session.Title ?? reminder.SessionId;

    private int MinutesUntil(ScheduledSession session) => Math.Max(1, (int)Math.Ceiling((session.Start - time.GetUtcNow()).TotalMinutes));
}
