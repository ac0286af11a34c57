using GmgBot.Core.Delivery;

namespace GmgBot.Core.Reminders;

/// <summary>A delegate's wish to be told <see cref="LeadMinutes"/> before a session starts, in their personal chat.</summary>
public sealed record Reminder(long Id, string UserId, string SessionId, int LeadMinutes, Recipient Recipient, DateTimeOffset CreatedAt);

/// <summary>The delegates' reminders (implemented on the bot's database).</summary>
public interface IReminderStore
{
    /// <summary>Sets (or changes the lead time of) the user's reminder for a session.</summary>
    Task<Reminder> SetAsync(string userId, string sessionId, int leadMinutes, Recipient recipient, CancellationToken cancellationToken);

    Task<Reminder?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>Deletes the reminder if it is the user's; false when there was none.</summary>
    Task<bool> DeleteAsync(long id, string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Reminder>> OfUserAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Reminder>> OfSessionAsync(string sessionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Reminder>> AllAsync(CancellationToken cancellationToken);
}

/// <summary>The delegates' reminders as subscriptions: who follows which session, for other features.</summary>
public sealed class ReminderSubscriptions(IReminderStore reminders) : ISubscriptionDirectory
{
    public async Task<IReadOnlyList<string>> SessionIdsOfAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await reminders.OfUserAsync(userId, cancellationToken)).Select(r => r.SessionId)];

    public async Task<IReadOnlyList<Recipient>> SubscribersOfAsync(string sessionId, CancellationToken cancellationToken) =>
        [.. (await reminders.OfSessionAsync(sessionId, cancellationToken)).Select(r => r.Recipient)];
}
