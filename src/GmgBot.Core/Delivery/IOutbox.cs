namespace GmgBot.Core.Delivery;

/// <summary>
/// The durable outbox every proactive message goes through (reminders, broadcasts, change notices, card updates).
/// Implemented on the bot's database; the delivery engine sends what is due.
/// </summary>
public interface IOutbox
{
    /// <summary>
    /// Adds the messages; one whose job and recipient are already in the outbox (in any state) is left as it is.
    /// Wakes the engine. Returns how many were added.
    /// </summary>
    Task<int> EnqueueAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction, deletes the pending rows whose job key starts with one of <paramref name="jobKeyPrefixes"/>
    /// (a reminder moved, or was cancelled) and adds <paramref name="messages"/> as <see cref="EnqueueAsync"/> does.
    /// Rows already sent or in flight stay, so a message already sent for the same job is not added again.
    /// </summary>
    Task<int> ReplacePendingAsync(IReadOnlyCollection<string> jobKeyPrefixes, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken);

    /// <summary>The deliveries of a job by state (fan-out rows not counted).</summary>
    Task<DeliveryTally> TallyAsync(string jobKey, CancellationToken cancellationToken);

    /// <summary>A job's deliveries that did not go (dead, unreachable, unconfirmed, expired), most recent first.</summary>
    Task<IReadOnlyList<OutboxRow>> ProblemsAsync(string jobKey, int max, CancellationToken cancellationToken);

    /// <summary>The sends of a job (e.g. a broadcast's report message), with where they stand.</summary>
    Task<IReadOnlyList<OutboxRow>> RowsAsync(string jobKey, CancellationToken cancellationToken);

    /// <summary>Messages the bot sent that carry <paramref name="sessionId"/>'s card.</summary>
    Task<IReadOnlyList<SentCard>> SentCardsAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a job's deliveries in <paramref name="states"/> back to pending (an organizer's explicit resend of
    /// unconfirmed or dead-lettered messages). Returns how many.
    /// </summary>
    Task<int> RequeueAsync(string jobKey, IReadOnlyCollection<OutboxState> states, DateTimeOffset dueAt, CancellationToken cancellationToken);
}

public static class OutboxExtensions
{
    public static Task<int> ReplacePendingAsync(this IOutbox outbox, string jobKeyPrefix, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
        outbox.ReplacePendingAsync([jobKeyPrefix], messages, cancellationToken);
}
