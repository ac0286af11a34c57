using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GmgBot.Core.Reminders;

/// <summary>
/// Keeps the outbox in step with the delegates' reminders: each becomes an outbox row due <c>lead</c> minutes before
/// its session, and moves when the session moves. Also says until when a reminder of a session is worth sending.
/// </summary>
public sealed class ReminderScheduler(
    IReminderStore reminders,
    IOutbox outbox,
    IOptions<RemindersOptions> options,
    TimeProvider time,
    ILogger<ReminderScheduler> logger) : IDeliveryPlanner
{
    public RemindersOptions Options => options.Value;

    /// <summary>Sets or changes a reminder and schedules it. Null when the session has started already.</summary>
    public async Task<(Reminder Reminder, DateTimeOffset DueAt)?> SetAsync(
        string userId, ScheduledSession session, int leadMinutes, Recipient recipient, CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() >= session.Start)
        {
            return null;
        }
        var reminder = await reminders.SetAsync(userId, session.Session.Id, leadMinutes, recipient, cancellationToken);
        var plan = Plan(reminder, session);
        await outbox.ReplacePendingAsync(JobKeys.ReminderPrefix(reminder.Id), plan is null ? [] : [plan], cancellationToken);
        return (reminder, plan?.DueAt ?? time.GetUtcNow());
    }

    public async Task<bool> CancelAsync(long reminderId, string userId, CancellationToken cancellationToken)
    {
        if (!await reminders.DeleteAsync(reminderId, userId, cancellationToken))
        {
            return false;
        }
        await outbox.ReplacePendingAsync(JobKeys.ReminderPrefix(reminderId), [], cancellationToken);
        return true;
    }

    /// <summary>
    /// Brings every reminder's outbox row in line with the agenda as it is now (run at start): rows for an old start
    /// time are replaced; a row already sent for this start time is not added again.
    /// </summary>
    public async Task RescheduleAllAsync(Timeline timeline, CancellationToken cancellationToken) =>
        await ApplyAsync(await reminders.AllAsync(cancellationToken), timeline.Find, cancellationToken);

    /// <summary>Moves the reminders of sessions that changed (or drops those of sessions that are gone).</summary>
    public async Task RescheduleAsync(IReadOnlyList<SessionChange> changes, CancellationToken cancellationToken)
    {
        var sessions = changes.Where(c => c.Session is not null).ToDictionary(c => c.Session!.Session.Id, c => c.Session!);
        var ids = changes.Select(c => c.After?.SessionId ?? c.Before!.SessionId).Distinct().ToList();
        var affected = new List<Reminder>();
        foreach (var id in ids)
        {
            affected.AddRange(await reminders.OfSessionAsync(id, cancellationToken));
        }
        await ApplyAsync(affected, id => sessions.GetValueOrDefault(id), cancellationToken);
    }

    private async Task ApplyAsync(IReadOnlyList<Reminder> affected, Func<string, ScheduledSession?> find, CancellationToken cancellationToken)
    {
        // A reminder with nothing left to plan (too late, session gone) keeps its row: the engine drops it when due, and logs it.
        var planned = affected
            .Select(r => (Reminder: r, Plan: find(r.SessionId) is { } session ? Plan(r, session) : null))
            .Where(p => p.Plan is not null)
            .ToList();
        var plans = planned.Select(p => p.Plan!).ToList();
        await outbox.ReplacePendingAsync([.. planned.Select(p => JobKeys.ReminderPrefix(p.Reminder.Id))], plans, cancellationToken);
        logger.LogInformation("Reminders scheduled: {Reminders} of {Affected} delegate reminder(s).", plans.Count, affected.Count);
    }

    /// <summary>The outbox row of a reminder: due lead minutes before the start, dropped once the grace after it has passed.</summary>
    public OutboxMessage? Plan(Reminder reminder, ScheduledSession session) =>
        IsUseful(session, time.GetUtcNow())
            ? new OutboxMessage
            {
                JobKey = JobKeys.Reminder(reminder.Id, session.Start),
                Recipient = reminder.Recipient,
                Content = new SessionReminder(session.Session.Id),
                DueAt = session.Start.AddMinutes(-reminder.LeadMinutes),
                NotAfter = LatestSend(session),
            }
            : null;

    /// <summary>A reminder is still worth sending until the grace period after the start (and never after the end).</summary>
    public DateTimeOffset LatestSend(ScheduledSession session)
    {
        var late = session.Start + options.Value.LateGrace;
        return late < session.End ? late : session.End;
    }

    public bool IsUseful(ScheduledSession session, DateTimeOffset now) => now <= LatestSend(session);
}
