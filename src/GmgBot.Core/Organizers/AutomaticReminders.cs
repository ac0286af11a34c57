using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Reminders;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Organizers;

/// <summary>
/// The organizers' automatic reminders: when switched on, a fan-out to the chosen audience N minutes before every
/// session (breaks and meals aside), kept in step with the agenda as sessions move. Reminders are worth sending as
/// long as a delegate's own would be (<see cref="ReminderScheduler.LatestSend"/>).
/// </summary>
public sealed class AutomaticReminders(
    IOrganizerSettings settings,
    IOutbox outbox,
    ReminderScheduler reminders,
    TimeProvider time,
    ILogger<AutomaticReminders> logger) : IDeliveryPlanner, IAgendaChangeHandler
{
    /// <summary>Turns automatic reminders on, off or to another lead time, and schedules them.</summary>
    public async Task SetAsync(AutoReminderSettings auto, Timeline timeline, CancellationToken cancellationToken)
    {
        await settings.SetAutoRemindersAsync(auto, cancellationToken);
        await ReplaceAsync(auto, [JobKeys.AutomaticPrefix()], timeline.Sessions, cancellationToken);
    }

    public async Task RescheduleAllAsync(Timeline timeline, CancellationToken cancellationToken) =>
        await ReplaceAsync(await settings.GetAutoRemindersAsync(cancellationToken), [JobKeys.AutomaticPrefix()], timeline.Sessions, cancellationToken);

    /// <summary>Moves the automatic reminders of sessions that changed (or drops those of sessions that are gone).</summary>
    public async Task OnAgendaChangedAsync(IReadOnlyList<SessionChange> changes, CancellationToken cancellationToken)
    {
        var ids = changes.Select(c => c.After?.SessionId ?? c.Before!.SessionId).Distinct();
        var sessions = changes.Where(c => c.Session is not null).Select(c => c.Session!).DistinctBy(s => s.Session.Id);
        await ReplaceAsync(await settings.GetAutoRemindersAsync(cancellationToken), [.. ids.Select(JobKeys.AutomaticPrefix)], sessions, cancellationToken);
    }

    /// <summary>A fan-out row per session (breaks and meals aside), to the audience the organizers chose.</summary>
    public OutboxMessage? Plan(AutoReminderSettings auto, ScheduledSession session) =>
        session.Session.Kind is SessionKind.Break or SessionKind.Meal or SessionKind.Registration || !reminders.IsUseful(session, time.GetUtcNow())
            ? null
            : new OutboxMessage
            {
                JobKey = JobKeys.Automatic(session.Session.Id, session.Start),
                Kind = OutboxKind.FanOut,
                Audience = auto.Audience,
                Content = new SessionReminder(session.Session.Id, FromOrganizers: true),
                DueAt = session.Start.AddMinutes(-auto.LeadMinutes),
                NotAfter = reminders.LatestSend(session),
            };

    private async Task ReplaceAsync(
        AutoReminderSettings auto, IReadOnlyList<string> prefixes, IEnumerable<ScheduledSession> sessions, CancellationToken cancellationToken)
    {
        var plans = auto.Enabled ? sessions.Select(s => Plan(auto, s)).OfType<OutboxMessage>().ToList() : [];
        await outbox.ReplacePendingAsync(prefixes, plans, cancellationToken);
        if (auto.Enabled)
        {
            logger.LogInformation("Automatic reminders scheduled: {Automatic}.", plans.Count);
        }
    }
}
