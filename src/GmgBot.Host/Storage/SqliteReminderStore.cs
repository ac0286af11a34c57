using GmgBot.Core.Delivery;
using GmgBot.Core.Reminders;
using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>Delegates' reminders on the bot's database: one per (user, session); setting it again changes the lead time.</summary>
public sealed class SqliteReminderStore(SqliteDatabase database, TimeProvider time) : IReminderStore
{
    private const string Columns = "id, user_id, session_id, lead_minutes, recipient, created_at";

    public async Task<Reminder> SetAsync(string userId, string sessionId, int leadMinutes, Recipient recipient, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"""
            INSERT INTO delivery_reminders (user_id, session_id, lead_minutes, recipient, created_at, updated_at)
            VALUES ($user, $session, $lead, $recipient, $now, $now)
            ON CONFLICT (user_id, session_id) DO UPDATE SET
                lead_minutes = excluded.lead_minutes, recipient = excluded.recipient, updated_at = excluded.updated_at
            RETURNING {Columns};
            """, c =>
        {
            c.Parameters.AddWithValue("$user", userId);
            c.Parameters.AddWithValue("$session", sessionId);
            c.Parameters.AddWithValue("$lead", leadMinutes);
            c.Parameters.AddWithValue("$recipient", DeliveryJson.Write(recipient));
            c.Parameters.AddWithValue("$now", SqliteOutbox.Ms(time.GetUtcNow()));
        }, cancellationToken);
        return rows.Single();
    }

    public async Task<Reminder?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE id = $id;", c => c.Parameters.AddWithValue("$id", id), cancellationToken))
        .SingleOrDefault();

    public async Task<bool> DeleteAsync(long id, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM delivery_reminders WHERE id = $id AND user_id = $user;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$user", userId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<IReadOnlyList<Reminder>> OfUserAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE user_id = $user ORDER BY id;", c => c.Parameters.AddWithValue("$user", userId), cancellationToken);

    public Task<IReadOnlyList<Reminder>> OfSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE session_id = $session ORDER BY id;", c => c.Parameters.AddWithValue("$session", sessionId), cancellationToken);

    public Task<IReadOnlyList<Reminder>> AllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders ORDER BY id;", _ => { }, cancellationToken);

    private async Task<IReadOnlyList<Reminder>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var reminders = new List<Reminder>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reminders.Add(new Reminder(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                DeliveryJson.Read<Recipient>(reader.GetString(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return reminders;
    }
}
