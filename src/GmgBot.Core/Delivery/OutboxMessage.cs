namespace GmgBot.Core.Delivery;

/// <summary>What an outbox row does: POST a message, PUT (update) one sent earlier, or expand an audience into rows.</summary>
public enum OutboxKind { Send, Update, FanOut }

/// <summary>
/// Where a row is in its life. Only <see cref="Pending"/> rows are ever picked up; <see cref="InFlight"/> is written
/// (and committed) before the request leaves, so a row found in flight after a crash is never sent again blindly.
/// </summary>
public enum OutboxState
{
    Pending,
    InFlight,
    Sent,
    /// <summary>Teams answered 403/404: the app was removed or the user is gone. Not retried.</summary>
    Unreachable,
    /// <summary>Dead letter: a request Teams refused for good, or one that kept failing.</summary>
    Dead,
    /// <summary>The request may or may not have reached Teams (the process died, or the connection broke, mid-send).</summary>
    Unconfirmed,
    /// <summary>Not sent on purpose: too late to be useful, or its session left the agenda.</summary>
    Expired,
}

/// <summary>
/// One delivery to enqueue. (<see cref="JobKey"/>, <see cref="RecipientKey"/>) is unique in the outbox, so enqueueing the
/// same job for the same recipient twice (a double click, a replayed change, a restart) cannot send twice.
/// </summary>
public sealed record OutboxMessage
{
    public required string JobKey { get; init; }
    public OutboxKind Kind { get; init; } = OutboxKind.Send;
    /// <summary>The addressee of a send or update.</summary>
    public Recipient? Recipient { get; init; }
    /// <summary>The audience a fan-out row expands into.</summary>
    public Audience? Audience { get; init; }
    public required DeliveryContent Content { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    /// <summary>Dropped (expired) rather than sent after this instant.</summary>
    public DateTimeOffset? NotAfter { get; init; }
    public string? BroadcastId { get; init; }
    /// <summary>The activity an update replaces.</summary>
    public string? TargetActivityId { get; init; }

    public string RecipientKey => Kind switch
    {
        OutboxKind.FanOut => "*",
        OutboxKind.Update => $"{Recipient!.Key}|{TargetActivityId}",
        _ => Recipient!.Key,
    };

    /// <summary>Sends and updates need a recipient, fan-outs an audience, updates the activity they replace.</summary>
    public void Validate()
    {
        var valid = Kind switch
        {
            OutboxKind.FanOut => Audience is not null,
            OutboxKind.Update => Recipient?.ConversationId is not null && TargetActivityId is not null,
            _ => Recipient is not null,
        };
        if (!valid || string.IsNullOrWhiteSpace(JobKey))
        {
            throw new ArgumentException($"Outbox message {JobKey} ({Kind}) lacks what its kind needs.");
        }
    }
}

/// <summary>A row as stored, with where it stands.</summary>
public sealed record OutboxRow(
    long Id,
    OutboxMessage Message,
    OutboxState State,
    int Attempts,
    string? ConversationId,
    string? ActivityId,
    string? LastError,
    DateTimeOffset? FinishedAt);

/// <summary>How many deliveries of one job stand where.</summary>
public sealed record DeliveryTally(int Pending, int InFlight, int Sent, int Unreachable, int Dead, int Unconfirmed, int Expired)
{
    public static DeliveryTally Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public int Total => Pending + InFlight + Sent + Unreachable + Dead + Unconfirmed + Expired;

    /// <summary>Nothing is left to do automatically.</summary>
    public bool IsFinished => Pending + InFlight == 0;
}

/// <summary>A message the bot sent that shows a session's card, so it can be updated in place.</summary>
public sealed record SentCard(Recipient Recipient, string ConversationId, string ActivityId);

/// <summary>The job keys of the outbox, in one place: they decide what counts as "the same delivery".</summary>
public static class JobKeys
{
    public static string Reminder(long reminderId, DateTimeOffset start) => $"{ReminderPrefix(reminderId)}{Stamp(start)}";

    public static string ReminderPrefix(long reminderId) => $"reminder:{reminderId}@";

    public static string Automatic(string sessionId, DateTimeOffset start) => $"{AutomaticPrefix(sessionId)}{Stamp(start)}";

    public static string AutomaticPrefix(string? sessionId = null) => sessionId is null ? "auto:" : $"auto:{sessionId}@";

    public static string Broadcast(string broadcastId) => $"broadcast:{broadcastId}";

    public static string Report(string broadcastId) => $"report:{broadcastId}";

    public static string Change(string sessionId, int sequence) => $"change:{sessionId}#{sequence}";

    public static string CardUpdates(string sessionId, int sequence) => $"cards:{sessionId}#{sequence}";

    private static string Stamp(DateTimeOffset start) =>
        start.ToUniversalTime().ToString("yyyyMMdd'T'HHmm'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
