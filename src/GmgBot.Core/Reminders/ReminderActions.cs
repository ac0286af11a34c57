using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Reminders;

/// <summary>
/// The reminder part of session cards: "Remind me" on sessions still to come; for a user who set one, what is set
/// with Change and Cancel.
/// </summary>
public sealed class RemindMeButton(ReminderScheduler scheduler, IReminderStore store, IKnowledgeSource knowledge, TimeProvider time) : ISessionActionSource
{
    public string Feature => ReminderCards.Feature;

    public IEnumerable<CardAction> For(ScheduledSession session) =>
        session.Start > time.GetUtcNow() ? [ReminderCards.RemindMe(session, scheduler.Options.DefaultLeadMinutes)] : [];

    public async Task<SessionOffer> ForUserAsync(ScheduledSession session, QuestionContext user, CancellationToken cancellationToken)
    {
        if (session.Start > time.GetUtcNow() && user.UserId is { } userId
            && (await store.OfUserAsync(userId, cancellationToken)).FirstOrDefault(r => r.SessionId == session.Session.Id) is { } reminder)
        {
            return ReminderCards.Offer(reminder, session, knowledge.Current.Timeline);
        }
        return new SessionOffer(Feature, [.. For(session)]);
    }
}

/// <summary>
/// "Set reminder" (a session card's Remind me, a "which session?" row, Undo of a cancel): the card the user pressed
/// becomes its new state for them, "Reminder set · 15 min before" with Undo.
/// </summary>
public sealed class SetReminderAction(DelegateReminders reminders, SessionCards sessionCards, IKnowledgeSource knowledge, TimeProvider time) : ICardActionHandler
{
    public string Verb => ReminderVerbs.Set;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        var sessionId = CardValues.Text(request.Data, ReminderVerbs.SessionId);
        if ((sessionId is null ? null : timeline.Find(sessionId)) is not { } session)
        {
            return new CardActionResult(BotReply.Plain("That session is no longer on the agenda. Type **agenda** to see the current programme."), SessionCards.Gone());
        }
        var lead = CardValues.Number(request.Data, ReminderVerbs.LeadInput(session.Session.Id))
            ?? CardValues.Number(request.Data, ReminderVerbs.Lead)
            ?? reminders.DefaultLead;
        if (lead is < 1 or > RemindersOptions.MaxLeadMinutes)
        {
            return CardActionResult.Replying(BotReply.Plain($"Choose a lead time between 1 minute and {RemindersOptions.MaxLeadMinutes / 60} hours."));
        }

        var result = await reminders.SetAsync(request.Context, session, lead, cancellationToken);
        var text = reminders.Describe(result, request.Context);
        if (result.Outcome == ReminderOutcome.NoPersonalChat)
        {
            return CardActionResult.Replying(BotReply.Plain(text));
        }
        if (CardValues.Text(request.Data, ReminderVerbs.View) == ReminderVerbs.MineView)
        {
            var notice = result.Reminder is null ? text : $"Your reminder for {session.Session.Title} is back: {ReminderCards.Short(lead)} before.";
            return new CardActionResult(BotReply.Plain(text), await reminders.MineAsync(request.Context, (notice, null), cancellationToken));
        }
        var changed = result.Reminder is { } reminder
            ? ReminderCards.JustSet(reminder, session, timeline)
            : ReminderCards.TooLate(session, time.GetUtcNow());
        var card = await sessionCards.ForAsync(session.Session.Id, request.Context, personal: true, cancellationToken, changed);
        return new CardActionResult(BotReply.Plain(text), card);
    }
}

/// <summary>
/// "Cancel" on a reminder (my reminders, a session card's Cancel reminder, Undo of a reminder just set): the card shows
/// it cancelled, with Undo, instead of a confirmation first.
/// </summary>
public sealed class CancelReminderAction(DelegateReminders reminders, SessionCards sessionCards) : ICardActionHandler
{
    public string Verb => ReminderVerbs.Cancel;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var id = CardValues.Number(request.Data, ReminderVerbs.ReminderId);
        var cancelled = id is null ? null : await reminders.CancelAsync(request.Context, id.Value, cancellationToken);
        var text = cancelled is null
            ? "That reminder is not there any more (it may have been cancelled already)."
            : $"Cancelled your reminder for {reminders.TitleOf(cancelled)}.";
        var sessionId = CardValues.Text(request.Data, ReminderVerbs.SessionId);
        if (CardValues.Text(request.Data, ReminderVerbs.View) == ReminderVerbs.MineView || sessionId is null)
        {
            var undo = cancelled is null ? null : ReminderCards.UndoCancel(cancelled, ReminderVerbs.MineView);
            return new CardActionResult(BotReply.Plain(text), await reminders.MineAsync(request.Context, (text, undo), cancellationToken));
        }
        var card = await sessionCards.ForAsync(sessionId, request.Context, personal: true, cancellationToken,
            cancelled is null ? null : ReminderCards.JustCancelled(cancelled));
        return new CardActionResult(BotReply.Plain(text), card ?? SessionCards.Gone());
    }
}

/// <summary>Teams' refresh of a "my reminders" card: the user's reminders as they are now.</summary>
public sealed class MyRemindersAction(DelegateReminders reminders) : ICardActionHandler
{
    public string Verb => ReminderVerbs.Mine;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        CardActionResult.Replacing(await reminders.MineAsync(request.Context, null, cancellationToken));
}
