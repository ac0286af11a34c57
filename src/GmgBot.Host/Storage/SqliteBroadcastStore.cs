using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>Broadcasts and the organizers' settings on the bot's database.</summary>
public sealed class SqliteBroadcastStore(SqliteDatabase database, DeliverySignal signal, TimeProvider time) : IBroadcastStore, IOrganizerSettings
{
    private const string AutoRemindersKey = "auto-reminders";

    public async Task<bool> AddAsync(Broadcast broadcast, IReadOnlyCollection<OutboxMessage> deliveries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO delivery_broadcasts (id, content, audience, due_at, created_by, created_by_name, report_to, created_at)
                VALUES ($id, $content, $audience, $due, $by, $name, $report, $at)
                ON CONFLICT (id) DO NOTHING;
                """;
            var p = insert.Parameters;
            p.AddWithValue("$id", broadcast.Id);
            p.AddWithValue("$content", DeliveryJson.Write(broadcast.Content));
            p.AddWithValue("$audience", DeliveryJson.Write(broadcast.Audience));
            p.AddWithValue("$due", SqliteOutbox.Ms(broadcast.DueAt));
            p.AddWithValue("$by", broadcast.CreatedBy);
            p.AddWithValue("$name", (object?)broadcast.CreatedByName ?? DBNull.Value);
            p.AddWithValue("$report", DeliveryJson.Write(broadcast.ReportTo));
            p.AddWithValue("$at", SqliteOutbox.Ms(broadcast.CreatedAt));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        await SqliteOutbox.InsertAsync(connection, transaction, deliveries, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return true;
    }

    public async Task<Broadcast?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, content, audience, due_at, created_by, created_by_name, report_to, created_at FROM delivery_broadcasts WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new Broadcast(
            reader.GetString(0),
            DeliveryJson.Read<DeliveryContent>(reader.GetString(1)),
            DeliveryJson.Read<Audience>(reader.GetString(2)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            DeliveryJson.Read<Recipient>(reader.GetString(6)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)));
    }

    public async Task<AutoReminderSettings> GetAutoRemindersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM delivery_settings WHERE key = $key;";
        command.Parameters.AddWithValue("$key", AutoRemindersKey);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? DeliveryJson.Read<AutoReminderSettings>(json)
            : AutoReminderSettings.Off;
    }

    public async Task SetAutoRemindersAsync(AutoReminderSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO delivery_settings (key, value, changed_at) VALUES ($key, $value, $now)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at;
            """;
        command.Parameters.AddWithValue("$key", AutoRemindersKey);
        command.Parameters.AddWithValue("$value", DeliveryJson.Write(settings));
        command.Parameters.AddWithValue("$now", SqliteOutbox.Ms(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
