using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Reminders;

/// <summary>
/// Follows agenda changes: reminders move with their session; a session's subscribers get one message per change
/// of time or room (or its removal); every card the bot sent of a changed session is updated in place.
/// All of it goes through the outbox, keyed by the change's sequence, so a change is never announced twice.
/// </summary>
public sealed class ReminderChangeHandler(
    ReminderScheduler scheduler,
    IReminderStore reminders,
    IOutbox outbox,
    TimeProvider time,
    ILogger<ReminderChangeHandler> logger) : IAgendaChangeHandler
{
    public async Task OnAgendaChangedAsync(IReadOnlyList<SessionChange> changes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var messages = new List<OutboxMessage>();
        foreach (var change in changes.Where(c => !c.Added))
        {
            var sessionId = change.Before!.SessionId;
            var sequence = change.After?.Sequence ?? change.Before.Sequence + 1;
            var stillAhead = (change.After?.Start ?? change.Before.End) > now;
            if ((change.TimeChanged || change.RoomChanged || change.Removed) && stillAhead)
            {
                var subscribers = await reminders.OfSessionAsync(sessionId, cancellationToken);
                messages.AddRange(subscribers.DistinctBy(r => r.Recipient.Key).Select(r => new OutboxMessage
                {
                    JobKey = JobKeys.Change(sessionId, sequence),
                    Recipient = r.Recipient,
                    Content = new SessionChanged(sessionId, change.Before, change.After),
                    DueAt = now,
                    NotAfter = change.After?.End ?? change.Before.End,
                }));
            }
            var cards = await outbox.SentCardsAsync(sessionId, cancellationToken);
            messages.AddRange(cards.Select(card => new OutboxMessage
            {
                JobKey = JobKeys.CardUpdates(sessionId, sequence),
                Kind = OutboxKind.Update,
                Recipient = card.Recipient with { ConversationId = card.ConversationId },
                TargetActivityId = card.ActivityId,
                Content = new SessionCardUpdate(sessionId, change.Before.Title),
                DueAt = now,
            }));
        }

        var added = await outbox.EnqueueAsync(messages, cancellationToken);
        await scheduler.RescheduleAsync(changes, cancellationToken);
        foreach (var removed in changes.Where(c => c.Removed))
        {
            // The subscribers have been told (above); a reminder of a session that is gone has nothing left to do.
            foreach (var reminder in await reminders.OfSessionAsync(removed.Before!.SessionId, cancellationToken))
            {
                await reminders.DeleteAsync(reminder.Id, reminder.UserId, cancellationToken);
            }
        }
        logger.LogInformation("Agenda changes followed: {Messages} change notice(s) and card update(s) enqueued.", added);
    }
}
