using GmgBot.Host.Storage;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using System.Runtime.CompilerServices;
using GmgBot.Core.Delivery;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Delivery;

/// <summary>
/// Sends what the outbox holds, when it is due. It sleeps until the next row comes due (a TimeProvider timer) and
/// is woken at once when something is enqueued; it never polls. Rows are claimed with leases, sent with up to
/// <see cref="DeliveryOptions.MaxConcurrency"/> requests on the wire under Teams' rate limits, and each send is
/// recorded as in flight before it leaves and as settled as soon as its answer comes back: at most once.
/// </summary>
public sealed class DeliveryEngine(
    Outbox outbox,
    DeliverySender sender,
    DeliveryRenderer renderer,
    RecipientDirectory recipients,
    BroadcastReporter reporter,
    IEnumerable<IDeliveryPlanner> planners,
    IKnowledgeSource knowledge,
    DeliverySignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryEngine> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly string _instance = options.Value.ResolvedInstanceId;

    /// <summary>The engine has nothing due and sleeps until the instant given (MaxValue: until woken).</summary>
    public event Action<DateTimeOffset>? Sleeping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Delivery engine off (Delivery:Enabled = false): messages are only enqueued here.");
            return;
        }
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!started)
                {
                    await StartUpAsync(stoppingToken);
                    started = true;
                }
                await RunDueAsync(stoppingToken);
                await SleepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: rows still waiting for their turn stay claimed until the restart releases them.
            }
            catch (Exception ex)
            {
                // The database was unavailable, say. Nothing is lost (the rows wait in the outbox): try again shortly.
                logger.LogError(ex, "The delivery engine failed; it tries again in {Delay}.", FailureBackoff);
                await Task.Delay(FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(10);

    /// <summary>
    /// What a (re)started instance does first: its sends found in flight are reported unconfirmed (never resent
    /// blindly), its claims are released, and planned deliveries (reminders) are brought in line with the agenda.
    /// </summary>
    public async Task StartUpAsync(CancellationToken cancellationToken)
    {
        await SettleRecoveredAsync(await outbox.RecoverAsync(_instance, restart: true, cancellationToken), cancellationToken);
        foreach (var planner in planners)
        {
            await planner.RescheduleAllAsync(knowledge.Current.Timeline, cancellationToken);
        }
    }

    /// <summary>Sends everything due now (and what becomes due meanwhile, e.g. the rows of a fan-out), then updates reports.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await SettleRecoveredAsync(await outbox.RecoverAsync(_instance, restart: false, cancellationToken), cancellationToken);
        var total = 0;
        int processed;
        do
        {
            // Another pass when this one did work: a fan-out or an immediate retry may have made more rows due meanwhile.
            processed = 0;
            await Parallel.ForEachAsync(ClaimDueAsync(cancellationToken),
                new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken },
                async (row, token) =>
                {
                    await ProcessAsync(row, token);
                    Interlocked.Increment(ref processed);
                });
            total += processed;
        }
        while (processed > 0);
        await reporter.FlushAsync(cancellationToken);
        return total;
    }

    private async IAsyncEnumerable<OutboxRow> ClaimDueAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            // A small batch: claimed rows are sent within moments, so their leases never run out while they wait.
            var batch = await outbox.ClaimAsync(_instance, _options.MaxConcurrency * 2, _options.LeaseDuration, cancellationToken);
            if (batch.Count == 0)
            {
                yield break;
            }
            foreach (var row in batch)
            {
                yield return row;
            }
        }
    }

    private async Task SleepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wake = await outbox.NextWakeAsync(cancellationToken);
        if (wake <= now)
        {
            return;
        }
        var delay = wake is { } next ? next - now : Timeout.InfiniteTimeSpan;
        if (_options.MaxIdle is { } longest && (delay == Timeout.InfiniteTimeSpan || delay > longest))
        {
            delay = longest;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(delay, time, stop.Token);
        var woken = signal.WaitAsync(stop.Token);
        var until = delay == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : now + delay;
        logger.LogDebug("Delivery engine sleeps until {Until}.", until == DateTimeOffset.MaxValue ? "something is enqueued" : until);
        Sleeping?.Invoke(until);
        await Task.WhenAny(timer, woken);
        logger.LogDebug("Delivery engine woke: {Reason}.", timer.IsCompleted ? "a row is due" : "something was enqueued");
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task ProcessAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            if (row.Message.Kind == OutboxKind.FanOut)
            {
                await FanOutAsync(row, cancellationToken);
            }
            else
            {
                await DeliverAsync(row, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Not a connector answer (those are classified): a bug or a broken row. It must not stop the others.
            logger.LogError(ex, "Outbox row {Id} ({JobKey}) failed.", row.Id, row.Message.JobKey);
            await outbox.CompleteAsync(row.Id, _instance, new NotDelivered(OutboxState.Dead, $"{ex.GetType().Name}: {ex.Message}"), CancellationToken.None);
        }
    }

    private async Task FanOutAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var message = row.Message;
        if (!await outbox.MarkInFlightAsync(row.Id, _instance, _options.LeaseDuration, cancellationToken))
        {
            return;
        }
        var audience = await recipients.ResolveAsync(message.Audience!, cancellationToken);
        var messages = audience.Select(r => new OutboxMessage
        {
            JobKey = message.JobKey,
            Recipient = r,
            Content = message.Content,
            DueAt = message.DueAt,
            NotAfter = message.NotAfter,
            BroadcastId = message.BroadcastId,
        }).ToList();
        var added = await outbox.ExpandAsync(row.Id, _instance, messages, cancellationToken);
        logger.LogInformation("{JobKey}: {Added} of {Recipients} recipient(s) enqueued.", message.JobKey, added, audience.Count);
        if (message.BroadcastId is { } broadcastId)
        {
            await reporter.TouchAsync(broadcastId, cancellationToken);
        }
    }

    private async Task DeliverAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var message = row.Message;
        var recipient = message.Recipient!;
        var now = time.GetUtcNow();
        if (message.NotAfter is { } latest && now > latest)
        {
            await SettleAsync(row, new NotDelivered(OutboxState.Expired,
                $"Not sent: it was due at {message.DueAt:u} and could not go before {latest:u} (the bot was not running); too late to be of use."), cancellationToken);
            return;
        }
        if (await renderer.RenderAsync(message, now, preview: false, cancellationToken) is not { } reply)
        {
            await SettleAsync(row, new NotDelivered(OutboxState.Expired, "Not sent: its session or day is no longer on the agenda."), cancellationToken);
            return;
        }

        var conversationId = recipient.ConversationId;
        if (conversationId is null)
        {
            try
            {
                conversationId = await sender.CreatePersonalChatAsync(recipient, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Nothing was sent yet, and creating a 1:1 chat is idempotent: any failure is safe to retry.
                await SettleAsync(row, SendFailures.Classify(ex, idempotent: true, row.Attempts + 1, _options, Random.Shared), cancellationToken);
                return;
            }
        }

        await sender.WaitForConversationAsync(conversationId, cancellationToken);
        if (!await outbox.MarkInFlightAsync(row.Id, _instance, _options.LeaseDuration, cancellationToken))
        {
            // Cancelled or moved meanwhile (a reminder rescheduled), or another instance took it after our lease ran out.
            return;
        }

        try
        {
            // The tenant's send slot is taken after the in-flight record, so the database write cannot bunch requests
            // up; a row waiting here for its slot (a fraction of a second) already counts as in flight.
            await sender.WaitForTenantAsync(recipient, CancellationToken.None);
        }
        catch (StorageUnavailableException ex)
        {
            // The shared budget could not be read: nothing was sent, so the row simply goes back to wait its turn.
            await SettleAsync(row, new RetryLater(SendFailures.Backoff(1, _options, Random.Shared), ex.Message), CancellationToken.None);
            return;
        }

        SendOutcome outcome;
        try
        {
            // Once in flight the request is let finish (SendTimeout bounds it), so stopping the host does not make it unconfirmed.
            if (message.Kind == OutboxKind.Update)
            {
                await sender.UpdateAsync(recipient, conversationId, message.TargetActivityId!, reply, CancellationToken.None);
                outcome = new Delivered(conversationId, message.TargetActivityId);
            }
            else
            {
                outcome = new Delivered(conversationId, await sender.SendAsync(recipient, conversationId, reply, CancellationToken.None));
            }
        }
        catch (Exception ex)
        {
            outcome = SendFailures.Classify(ex, idempotent: message.Kind == OutboxKind.Update, row.Attempts + 1, _options, Random.Shared);
        }
        await SettleAsync(row, outcome, CancellationToken.None);
    }

    private async Task SettleAsync(OutboxRow row, SendOutcome outcome, CancellationToken cancellationToken)
    {
        await outbox.CompleteAsync(row.Id, _instance, outcome, CancellationToken.None);
        var message = row.Message;
        switch (outcome)
        {
            case Delivered:
                logger.LogDebug("{JobKey} → {Recipient}: sent.", message.JobKey, message.RecipientKey);
                break;
            case RetryLater retry:
                logger.LogInformation("{JobKey} → {Recipient}: retry in {Delay} ({Reason}).", message.JobKey, message.RecipientKey, retry.Delay, retry.Reason);
                break;
            default:
                logger.LogWarning("{JobKey} → {Recipient}: {State}. {Reason}", message.JobKey, message.RecipientKey, outcome.State, outcome.Error);
                break;
        }
        if (message.BroadcastId is { } broadcastId && message.JobKey == JobKeys.Broadcast(broadcastId))
        {
            await reporter.TouchAsync(broadcastId, cancellationToken);
        }
    }

    private async Task SettleRecoveredAsync(IReadOnlyList<OutboxRow> recovered, CancellationToken cancellationToken)
    {
        foreach (var row in recovered)
        {
            logger.LogWarning("{JobKey} → {Recipient} was in flight when its sender stopped: {State}.", row.Message.JobKey, row.Message.RecipientKey,
                row.State == OutboxState.Unconfirmed ? "reported unconfirmed, not resent" : "it is idempotent and will be retried");
            if (row.Message.BroadcastId is { } broadcastId)
            {
                await reporter.TouchAsync(broadcastId, cancellationToken);
            }
        }
    }
}
