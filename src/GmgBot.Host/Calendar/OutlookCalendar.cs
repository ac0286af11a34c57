using GmgBot.Host.Storage;
using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Calendar;

/// <summary>
/// Writes sessions into Outlook calendars and keeps them current: a delegate's own ("Add to calendar") and the
/// organizer calendar. Each event's id and the session version it shows are stored, so a write is an update
/// whenever an event exists, and a create only when none does.
/// </summary>
public sealed class OutlookCalendar(
    GraphCalendarClient graph,
    GraphEventStore events,
    IKnowledgeSource knowledge,
    ISessionVersionStore versions,
    IOptions<GraphOptions> options,
    ILogger<OutlookCalendar> logger) : IOutlookCalendar
{
    public string? OrganizerMailbox => string.IsNullOrWhiteSpace(options.Value.OrganizerCalendarUser) ? null : options.Value.OrganizerCalendarUser.Trim();

    public async Task<OutlookWrite> AddAsync(string aadObjectId, ScheduledSession session, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(session, cancellationToken);
        return await WriteAsync(aadObjectId, entry, isOrganizer: false, await events.FindAsync(aadObjectId, entry.SessionId, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<OutlookEvent>> DayAsync(string aadObjectId, DateOnly date, TimeZoneInfo zone, CancellationToken cancellationToken) =>
        graph.DayAsync(aadObjectId, date, zone, cancellationToken);

    /// <summary>
    /// Makes the stored events agree with the agenda: the organizer calendar holds every calendar session, events of
    /// changed sessions are PATCHed, events of sessions gone from the agenda are deleted. Safe to repeat and to
    /// interrupt: what is done is stored as it is done.
    /// </summary>
    public async Task<SyncReport> SyncAsync(CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var stored = await versions.LoadAsync(cancellationToken);
        var report = new SyncReport();
        var records = await events.ListAsync(cancellationToken);

        foreach (var record in records)
        {
            var session = snapshot.Timeline.Find(record.SessionId);
            await Try(report, record.Mailbox, record.SessionId, async () =>
            {
                // The organizer calendar mirrors the agenda, so a session that left the calendar leaves it too;
                // a delegate chose their session and keeps it while it is on the agenda.
                if (session is null || (record.IsOrganizer && (!CalendarEntry.Belongs(session) || !IsOrganizer(record.Mailbox))))
                {
                    await graph.DeleteAsync(record.Mailbox, record.EventId, cancellationToken);
                    await events.DeleteAsync(record.Mailbox, record.SessionId, cancellationToken);
                    report.Deleted++;
                    return;
                }
                var entry = CalendarEntry.For(snapshot, session, Sequence(stored, session));
                if (record.Sequence >= entry.Sequence)
                {
                    return;
                }
                var write = await WriteAsync(record.Mailbox, entry, record.IsOrganizer, record, cancellationToken, recreateIfDeleted: record.IsOrganizer);
                report.Count(write);
            });
        }

        if (OrganizerMailbox is { } organizer)
        {
            var present = records.Where(r => IsOrganizer(r.Mailbox)).Select(r => r.SessionId).ToHashSet();
            foreach (var session in snapshot.Timeline.Sessions.Where(s => CalendarEntry.Belongs(s) && !present.Contains(s.Session.Id)))
            {
                await Try(report, organizer, session.Session.Id, async () =>
                {
                    var entry = CalendarEntry.For(snapshot, session, Sequence(stored, session));
                    report.Count(await WriteAsync(organizer, entry, isOrganizer: true, existing: null, cancellationToken));
                });
            }
        }
        return report;
    }

    private async Task<OutlookWrite> WriteAsync(
        string mailbox, CalendarEntry entry, bool isOrganizer, GraphEventRecord? existing, CancellationToken cancellationToken, bool recreateIfDeleted = true)
    {
        if (existing is not null)
        {
            if (await graph.UpdateAsync(mailbox, existing.EventId, entry, cancellationToken))
            {
                await events.SaveAsync(existing with { Sequence = entry.Sequence }, cancellationToken);
                return existing.Sequence == entry.Sequence ? OutlookWrite.Unchanged : OutlookWrite.Updated;
            }
            logger.LogInformation("Event {EventId} of session {SessionId} is gone from {Mailbox}.", existing.EventId, entry.SessionId, mailbox);
            if (!recreateIfDeleted)
            {
                // The delegate deleted it: their choice stands until they press "Add to calendar" again.
                await events.DeleteAsync(mailbox, entry.SessionId, cancellationToken);
                return OutlookWrite.Unchanged;
            }
        }
        // A deleted event's id joins the transaction id: recreating it is a new write, not a retry of the first.
        var eventId = await graph.CreateAsync(mailbox, entry, entry.TransactionId(mailbox, replacing: existing?.EventId), cancellationToken);
        await events.SaveAsync(new GraphEventRecord(mailbox, entry.SessionId, eventId, entry.Sequence, isOrganizer), cancellationToken);
        return OutlookWrite.Created;
    }

    private async Task<CalendarEntry> EntryAsync(ScheduledSession session, CancellationToken cancellationToken) =>
        CalendarEntry.For(knowledge.Current, session, Sequence(await versions.LoadAsync(cancellationToken), session));

    private bool IsOrganizer(string mailbox) => OrganizerMailbox is { } organizer && string.Equals(organizer, mailbox, StringComparison.OrdinalIgnoreCase);

    private static int Sequence(IReadOnlyDictionary<string, SessionVersion> stored, ScheduledSession session) =>
        stored.TryGetValue(session.Session.Id, out var version) ? version.Sequence : 0;

    // One mailbox refusing (consent withdrawn, mailbox gone) must not keep the others stale; the next pass retries.
    private async Task Try(SyncReport report, string mailbox, string sessionId, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (OutlookCalendarException ex)
        {
            report.Failed++;
            logger.LogWarning(ex, "Could not bring the event of session {SessionId} in {Mailbox} up to date ({Failure}).", sessionId, mailbox, ex.Failure);
        }
    }
}

/// <summary>What one pass of <see cref="OutlookCalendar.SyncAsync"/> did.</summary>
public sealed class SyncReport
{
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    public int Failed { get; set; }

    internal void Count(OutlookWrite write)
    {
        if (write == OutlookWrite.Created)
        {
            Created++;
        }
        else if (write == OutlookWrite.Updated)
        {
            Updated++;
        }
    }

    public override string ToString() => $"{Created} created, {Updated} updated, {Deleted} deleted, {Failed} failed";
}
