using System.Data.Common;
using GmgBot.Core.Delivery;
using GmgBot.Core.Reminders;

namespace GmgBot.Host.Storage;

/// <summary>Delegates' reminders on the bot's database: one per (user, session); setting it again changes the lead time.</summary>
public sealed class ReminderStore(BotDatabase database, TimeProvider time) : IReminderStore
{
    private const string Columns = "id, user_id, session_id, lead_minutes, recipient, created_at";

    public async Task<Reminder> SetAsync(string userId, string sessionId, int leadMinutes, Recipient recipient, CancellationToken cancellationToken) =>
        (await QueryAsync($"""
            INSERT INTO delivery_reminders (user_id, session_id, lead_minutes, recipient, created_at, updated_at)
            VALUES (@user, @session, @lead, @recipient, @now, @now)
            ON CONFLICT (user_id, session_id) DO UPDATE SET
                lead_minutes = excluded.lead_minutes, recipient = excluded.recipient, updated_at = excluded.updated_at
            RETURNING {Columns};
            """, c => c.With("@user", userId).With("@session", sessionId).With("@lead", leadMinutes)
                .With("@recipient", DeliveryJson.Write(recipient)).With("@now", time.GetUtcNow().Ms()), cancellationToken)).Single();

    public async Task<Reminder?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE id = @id;", c => c.With("@id", id), cancellationToken)).SingleOrDefault();

    public Task<bool> DeleteAsync(long id, string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("DELETE FROM delivery_reminders WHERE id = @id AND user_id = @user;").With("@id", id).With("@user", userId);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<Reminder>> OfUserAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE user_id = @user ORDER BY id;", c => c.With("@user", userId), cancellationToken);

    public Task<IReadOnlyList<Reminder>> OfSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders WHERE session_id = @session ORDER BY id;", c => c.With("@session", sessionId), cancellationToken);

    public Task<IReadOnlyList<Reminder>> AllAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_reminders ORDER BY id;", _ => { }, cancellationToken);

    private Task<IReadOnlyList<Reminder>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<Reminder>>(async (connection, token) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            var reminders = new List<Reminder>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                reminders.Add(new Reminder(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    DeliveryJson.Read<Recipient>(reader.GetString(4)), DbCommands.FromMs(reader.GetInt64(5))));
            }
            return reminders;
        }, cancellationToken);
}
