using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;

namespace GmgBot.Host.Storage;

/// <summary>Broadcasts and the organizers' settings on the bot's database.</summary>
public sealed class BroadcastStore(BotDatabase database, DeliverySignal signal, TimeProvider time) : IBroadcastStore, IOrganizerSettings
{
    private const string AutoRemindersKey = "auto-reminders";

    public async Task<bool> AddAsync(Broadcast broadcast, IReadOnlyCollection<OutboxMessage> deliveries, CancellationToken cancellationToken)
    {
        var added = await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            await using (var insert = connection.Command("""
                INSERT INTO delivery_broadcasts (id, content, audience, due_at, created_by, created_by_name, report_to, created_at)
                VALUES (@id, @content, @audience, @due, @by, @name, @report, @at)
                ON CONFLICT (id) DO NOTHING;
                """, transaction)
                .With("@id", broadcast.Id)
                .With("@content", DeliveryJson.Write(broadcast.Content))
                .With("@audience", DeliveryJson.Write(broadcast.Audience))
                .With("@due", broadcast.DueAt.Ms())
                .With("@by", broadcast.CreatedBy)
                .With("@name", broadcast.CreatedByName)
                .With("@report", DeliveryJson.Write(broadcast.ReportTo))
                .With("@at", broadcast.CreatedAt.Ms()))
            {
                if (await insert.ExecuteNonQueryAsync(token) == 0)
                {
                    return false;
                }
            }
            await Outbox.InsertAsync(connection, transaction, deliveries, time.GetUtcNow(), token);
            return true;
        }, cancellationToken);
        if (added)
        {
            signal.Wake();
        }
        return added;
    }

    public Task<Broadcast?> FindAsync(string id, CancellationToken cancellationToken) =>
        database.RunAsync<Broadcast?>(async (connection, token) =>
        {
            await using var command = connection.Command(
                "SELECT id, content, audience, due_at, created_by, created_by_name, report_to, created_at FROM delivery_broadcasts WHERE id = @id;")
                .With("@id", id);
            await using var reader = await command.ExecuteReaderAsync(token);
            if (!await reader.ReadAsync(token))
            {
                return null;
            }
            return new Broadcast(
                reader.GetString(0),
                DeliveryJson.Read<DeliveryContent>(reader.GetString(1)),
                DeliveryJson.Read<Audience>(reader.GetString(2)),
                DbCommands.FromMs(reader.GetInt64(3)),
                reader.GetString(4),
                reader.TextOrNull(5),
                DeliveryJson.Read<Recipient>(reader.GetString(6)),
                DbCommands.FromMs(reader.GetInt64(7)));
        }, cancellationToken);

    public Task<AutoReminderSettings> GetAutoRemindersAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT value FROM delivery_settings WHERE key = @key;").With("@key", AutoRemindersKey);
            return await command.ExecuteScalarAsync(token) is string json
                ? DeliveryJson.Read<AutoReminderSettings>(json)
                : AutoReminderSettings.Off;
        }, cancellationToken);

    public Task SetAutoRemindersAsync(AutoReminderSettings settings, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("""
                INSERT INTO delivery_settings (key, value, changed_at) VALUES (@key, @value, @now)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at;
                """).With("@key", AutoRemindersKey).With("@value", DeliveryJson.Write(settings)).With("@now", time.GetUtcNow().Ms());
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
}
