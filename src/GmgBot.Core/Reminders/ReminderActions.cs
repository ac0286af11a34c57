using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Reminders;

/// <summary>"Remind me" on every session card and schedule row still to come.</summary>
public sealed class RemindMeButton(DelegateReminders reminders, TimeProvider time) : ISessionActionSource
{
    public IEnumerable<CardAction> For(ScheduledSession session) =>
        session.Start > time.GetUtcNow() ? [ReminderCards.RemindMe(session, reminders.DefaultLead)] : [];
}

/// <summary>"Set reminder" (from a card's Remind me, or a choice of sessions).</summary>
public sealed class SetReminderAction(DelegateReminders reminders, IKnowledgeSource knowledge) : ICardActionHandler
{
    public string Verb => ReminderVerbs.Set;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var sessionId = CardValues.Text(request.Data, ReminderVerbs.SessionId);
        var session = sessionId is null ? null : knowledge.Current.Timeline.Find(sessionId);
        if (session is null)
        {
            return CardActionResult.Replying(BotReply.Plain("That session is no longer on the agenda. Type **agenda** to see the current programme."));
        }
        var lead = CardValues.Number(request.Data, ReminderVerbs.LeadInput(session.Session.Id))
            ?? CardValues.Number(request.Data, ReminderVerbs.Lead)
            ?? reminders.DefaultLead;
        if (lead is < 1 or > RemindersOptions.MaxLeadMinutes)
        {
            return CardActionResult.Replying(BotReply.Plain($"Choose a lead time between 1 minute and {RemindersOptions.MaxLeadMinutes / 60} hours."));
        }
        var reply = await reminders.SetAsync(request.Context, session, lead, cancellationToken);
        // A card that only offered the choice is replaced by the answer; a session card or schedule stays as it is.
        return request.Data[ReminderVerbs.ReplaceCard] is not null
            ? new CardActionResult(reply, ReminderCards.Done(reply.Text))
            : CardActionResult.Replying(reply);
    }
}

/// <summary>"Cancel" on the "my reminders" card: the card is shown again without it.</summary>
public sealed class CancelReminderAction(DelegateReminders reminders) : ICardActionHandler
{
    public string Verb => ReminderVerbs.Cancel;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var id = CardValues.Number(request.Data, ReminderVerbs.ReminderId);
        var text = id is null
            ? "I couldn't tell which reminder to cancel. Type **my reminders** to see them."
            : await reminders.CancelAsync(request.Context, id.Value, cancellationToken);
        return new CardActionResult(BotReply.Plain(text), await reminders.MineAsync(request.Context, cancellationToken));
    }
}
