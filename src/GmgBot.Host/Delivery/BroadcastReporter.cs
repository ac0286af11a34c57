using GmgBot.Host.Storage;
using System.Collections.Concurrent;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Protocol.Connector;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Delivery;

/// <summary>
/// Keeps each broadcast's delivery report current: the report message is updated in place (PUT) at most every
/// <see cref="DeliveryOptions.ReportInterval"/> while messages go out, and once more when the engine runs out of work.
/// Several instances may be sending one broadcast: a lease in the database lets one of them at a time update its
/// report, and the interval counts across all of them.
/// A report with no news left is forgotten then, so only broadcasts still under way are kept in memory.
/// </summary>
public sealed class BroadcastReporter(
    Outbox outbox,
    DeliveryRenderer renderer,
    DeliverySender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<BroadcastReporter> logger)
{
    // Longer than an update takes (a render and a PUT bounded by SendTimeout); if the holder dies, others wait this long.
    private TimeSpan Hold => options.Value.SendTimeout + TimeSpan.FromSeconds(5);

    // Reports with news not yet shown; a report is forgotten once it is up to date (the broadcast may be finished).
    private readonly ConcurrentDictionary<string, Report> _reports = new(StringComparer.Ordinal);

    /// <summary>How many broadcasts' reports are kept in memory: those with news not yet shown.</summary>
    internal int TrackedReports => _reports.Count;

    /// <summary>A delivery of the broadcast was settled: update its report if the last update is old enough.</summary>
    public async Task TouchAsync(string broadcastId, CancellationToken cancellationToken)
    {
        Report report;
        do
        {
            report = _reports.GetOrAdd(broadcastId, _ => new Report());
            report.Dirty = true;
            Interlocked.MemoryBarrier(); // pairs with FlushAsync's: one of the two sees the other's write
        }
        while (report.Forgotten); // a flush let go of it just now: the news goes on a fresh one

        if (time.GetElapsedTime(report.LastUpdate) >= options.Value.ReportInterval && report.Gate.Wait(0))
        {
            try
            {
                report.LastUpdate = time.GetTimestamp();
                if (await outbox.TryHoldReportAsync(broadcastId, options.Value.ResolvedInstanceId, dueOnly: true, options.Value.ReportInterval, Hold, cancellationToken))
                {
                    await UpdateAndReleaseAsync(broadcastId, report, cancellationToken);
                }
            }
            catch (StorageUnavailableException ex)
            {
                // The delivery that touched the report is settled; its report catches up on a later touch or the flush.
                logger.LogWarning("The delivery report of broadcast {BroadcastId} was not updated now: {Reason}", broadcastId, ex.Message);
            }
            finally
            {
                report.Gate.Release();
            }
        }
    }

    /// <summary>Brings every report with news up to date (the engine calls this when it has nothing left to send).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (broadcastId, report) in _reports)
        {
            // Dirty is read inside the gate: an update in progress has already cleared it, and returning before that
            // update is sent would leave callers looking at an older report.
            await report.Gate.WaitAsync(cancellationToken);
            try
            {
                if (report.Dirty && await WaitForHoldAsync(broadcastId, cancellationToken))
                {
                    await UpdateAndReleaseAsync(broadcastId, report, cancellationToken);
                }
                if (!report.Dirty)
                {
                    _reports.TryRemove(new KeyValuePair<string, Report>(broadcastId, report));
                }

                if (!report.Dirty)
                {
                    report.Forgotten = true;
                    Interlocked.MemoryBarrier();
                    if (report.Dirty)
                    {
                        report.Forgotten = false; // news came in meanwhile: keep it for the next flush
                    }
                    else
                    {
                        _reports.TryRemove(KeyValuePair.Create(broadcastId, report));
                    }
                }
            }
            finally
            {
                report.Gate.Release();
            }
        }
    }

    // The final update must not be skipped because another instance is updating at this moment: its rendering may
    // predate this instance's last deliveries. So wait (briefly, in real time: the holder is sending a PUT) for it.
    private async Task<bool> WaitForHoldAsync(string broadcastId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await outbox.TryHoldReportAsync(broadcastId, options.Value.ResolvedInstanceId, dueOnly: false, options.Value.ReportInterval, Hold, cancellationToken))
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        logger.LogInformation("The delivery report of broadcast {BroadcastId} is being updated by another instance; this one updates it later.", broadcastId);
        return false;
    }

    private async Task UpdateAndReleaseAsync(string broadcastId, Report report, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateAsync(broadcastId, report, cancellationToken);
        }
        finally
        {
            await outbox.ReleaseReportAsync(broadcastId, options.Value.ResolvedInstanceId, CancellationToken.None);
        }
    }

    private async Task UpdateAsync(string broadcastId, Report report, CancellationToken cancellationToken)
    {
        report.Dirty = false;
        report.LastUpdate = time.GetTimestamp();
        var message = (await outbox.RowsAsync(JobKeys.Report(broadcastId), cancellationToken))
            .FirstOrDefault(r => r.State == OutboxState.Sent && r.ActivityId is not null && r.ConversationId is not null);
        if (message is null)
        {
            // The report itself has not gone out yet. It shows the state of the moment it is rendered, which may be
            // before these deliveries settled: stay dirty so the next flush brings it up to date once it is out.
            report.Dirty = true;
            return;
        }
        try
        {
            var reply = await renderer.RenderAsync(message.Message, time.GetUtcNow(), preview: false, cancellationToken);
            if (reply is null)
            {
                return;
            }
            var recipient = message.Message.Recipient!;
            await sender.WaitForTurnAsync(recipient, message.ConversationId!, cancellationToken);
            await sender.UpdateAsync(recipient, message.ConversationId!, message.ActivityId!, reply, cancellationToken);
        }
        catch (ConnectorException ex)
        {
            // A report that could not be refreshed is refreshed next time; the deliveries themselves are unaffected.
            report.Dirty = true;
            logger.LogWarning("The delivery report of broadcast {BroadcastId} could not be updated now: {Reason}", broadcastId, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            report.Dirty = true;
            logger.LogWarning(ex, "The delivery report of broadcast {BroadcastId} could not be updated.", broadcastId);
        }
    }

    private sealed class Report
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile bool Dirty;
        public volatile bool Forgotten;
        public long LastUpdate;
    }
}
