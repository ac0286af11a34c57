using GmgBot.Core.Delivery;

namespace GmgBot.Core.Organizers;

/// <summary>An organizer's broadcast: what, to whom, when, and where its delivery report goes.</summary>
public sealed record Broadcast(
    string Id,
    DeliveryContent Content,
    Audience Audience,
    DateTimeOffset DueAt,
    string CreatedBy,
    string? CreatedByName,
    Recipient ReportTo,
    DateTimeOffset CreatedAt);

/// <summary>Broadcasts, stored with their first outbox rows in one transaction.</summary>
public interface IBroadcastStore
{
    /// <summary>
    /// Stores the broadcast and enqueues <paramref name="deliveries"/> with it, atomically. False when a broadcast
    /// with this id exists already (the organizer pressed Send twice): nothing is added then.
    /// </summary>
    Task<bool> AddAsync(Broadcast broadcast, IReadOnlyCollection<OutboxMessage> deliveries, CancellationToken cancellationToken);

    Task<Broadcast?> FindAsync(string id, CancellationToken cancellationToken);
}

/// <summary>Automatic reminders before every session, as organizers set them.</summary>
public sealed record AutoReminderSettings(bool Enabled, int LeadMinutes, Audience Audience, string? ChangedBy = null, DateTimeOffset? ChangedAt = null)
{
    public static AutoReminderSettings Off { get; } = new(false, 15, new InstalledUsers());
}

/// <summary>Settings organizers change from Teams, persisted across restarts.</summary>
public interface IOrganizerSettings
{
    Task<AutoReminderSettings> GetAutoRemindersAsync(CancellationToken cancellationToken);

    Task SetAutoRemindersAsync(AutoReminderSettings settings, CancellationToken cancellationToken);
}
