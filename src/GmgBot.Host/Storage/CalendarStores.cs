using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace GmgBot.Host.Storage;

/// <summary>
/// An Outlook event the bot created for a session in one mailbox, and the session version it shows, so a change
/// of the session PATCHes exactly that event and a removed session deletes it.
/// </summary>
public sealed record GraphEventRecord(string Mailbox, string SessionId, string EventId, int Sequence, bool IsOrganizer);

public sealed class GraphEventStore(BotDatabase database, TimeProvider time)
{
    public async Task<GraphEventRecord?> FindAsync(string mailbox, string sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE mailbox = @mailbox AND session_id = @session",
            c => c.With("@mailbox", Key(mailbox)).With("@session", sessionId), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<GraphEventRecord>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", _ => { }, cancellationToken);

    public Task SaveAsync(GraphEventRecord record, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("""
                INSERT INTO calendar_graph_events (mailbox, session_id, event_id, sequence, is_organizer, created_at, updated_at)
                VALUES (@mailbox, @session, @event, @sequence, @organizer, @now, @now)
                ON CONFLICT (mailbox, session_id) DO UPDATE SET
                    event_id = excluded.event_id, sequence = excluded.sequence, updated_at = excluded.updated_at;
                """)
                .With("@mailbox", Key(record.Mailbox))
                .With("@session", record.SessionId)
                .With("@event", record.EventId)
                .With("@sequence", record.Sequence)
                .With("@organizer", record.IsOrganizer ? 1 : 0)
                .With("@now", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    public Task DeleteAsync(string mailbox, string sessionId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("DELETE FROM calendar_graph_events WHERE mailbox = @mailbox AND session_id = @session;")
                .With("@mailbox", Key(mailbox)).With("@session", sessionId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    // UPNs and object ids are case-insensitive; one mailbox must be one key.
    private static string Key(string mailbox) => mailbox.Trim().ToLowerInvariant();

    private Task<IReadOnlyList<GraphEventRecord>> QueryAsync(string where, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<GraphEventRecord>>(async (connection, token) =>
        {
            await using var command = connection.Command(
                $"SELECT mailbox, session_id, event_id, sequence, is_organizer FROM calendar_graph_events {where} ORDER BY mailbox, session_id;");
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(token);
            var records = new List<GraphEventRecord>();
            while (await reader.ReadAsync(token))
            {
                records.Add(new GraphEventRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4) == 1));
            }
            return records;
        }, cancellationToken);
}

/// <summary>
/// Secret links to delegates' personal feeds. Only a SHA-256 hash of each token is stored: the database alone does
/// not give anyone a working link. A user may hold a few links at once (one per calendar app); revoking ends them all.
/// </summary>
public sealed class FeedTokenStore(BotDatabase database, TimeProvider time)
{
    /// <summary>Links kept active per user; issuing one more retires the oldest.</summary>
    public const int MaxActivePerUser = 5;

    /// <summary>A new token (256 random bits, URL-safe) for the user; returned once, stored hashed.</summary>
    public async Task<string> IssueAsync(string userId, CancellationToken cancellationToken)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        await database.InTransactionAsync(async (connection, transaction, cancel) =>
        {
            await using (var insert = connection.Command("INSERT INTO calendar_feed_tokens (token_hash, user_id, created_at) VALUES (@hash, @user, @now);", transaction)
                .With("@hash", Hash(token)).With("@user", userId).With("@now", now))
            {
                await insert.ExecuteNonQueryAsync(cancel);
            }
            // rowid: the order of issue (SQLite's own; a column of that name in PostgreSQL).
            await using var retire = connection.Command("""
                UPDATE calendar_feed_tokens SET revoked_at = @now
                WHERE user_id = @user AND revoked_at IS NULL AND token_hash NOT IN (
                    SELECT token_hash FROM calendar_feed_tokens WHERE user_id = @user AND revoked_at IS NULL
                    ORDER BY created_at DESC, rowid DESC LIMIT @keep);
                """, transaction).With("@user", userId).With("@now", now).With("@keep", MaxActivePerUser);
            return await retire.ExecuteNonQueryAsync(cancel);
        }, cancellationToken);
        return token;
    }

    /// <summary>The user an active token belongs to; null for unknown, malformed or revoked tokens.</summary>
    public async Task<string?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        return await database.RunAsync(async (connection, cancel) =>
        {
            await using var command = connection.Command("SELECT user_id FROM calendar_feed_tokens WHERE token_hash = @hash AND revoked_at IS NULL;")
                .With("@hash", Hash(token));
            return await command.ExecuteScalarAsync(cancel) as string;
        }, cancellationToken);
    }

    public Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, cancel) =>
        {
            await using var command = connection.Command("UPDATE calendar_feed_tokens SET revoked_at = @now WHERE user_id = @user AND revoked_at IS NULL;")
                .With("@user", userId).With("@now", Now());
            return await command.ExecuteNonQueryAsync(cancel);
        }, cancellationToken);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
