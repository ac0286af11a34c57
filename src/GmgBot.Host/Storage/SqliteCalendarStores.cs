using System.Globalization;
using System.Security.Cryptography;
using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>
/// An Outlook event the bot created for a session in one mailbox, and the session version it shows, so a change
/// of the session PATCHes exactly that event and a removed session deletes it.
/// </summary>
public sealed record GraphEventRecord(string Mailbox, string SessionId, string EventId, int Sequence, bool IsOrganizer);

public sealed class SqliteGraphEventStore(SqliteDatabase database, TimeProvider time)
{
    public async Task<GraphEventRecord?> FindAsync(string mailbox, string sessionId, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE mailbox = $mailbox AND session_id = $session", c =>
        {
            c.Parameters.AddWithValue("$mailbox", Key(mailbox));
            c.Parameters.AddWithValue("$session", sessionId);
        }, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<GraphEventRecord>> ListAsync(CancellationToken cancellationToken) => QueryAsync("", _ => { }, cancellationToken);

    public async Task SaveAsync(GraphEventRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO calendar_graph_events (mailbox, session_id, event_id, sequence, is_organizer, created_at, updated_at)
            VALUES ($mailbox, $session, $event, $sequence, $organizer, $now, $now)
            ON CONFLICT (mailbox, session_id) DO UPDATE SET
                event_id = excluded.event_id, sequence = excluded.sequence, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$mailbox", Key(record.Mailbox));
        command.Parameters.AddWithValue("$session", record.SessionId);
        command.Parameters.AddWithValue("$event", record.EventId);
        command.Parameters.AddWithValue("$sequence", record.Sequence);
        command.Parameters.AddWithValue("$organizer", record.IsOrganizer ? 1 : 0);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteAsync(string mailbox, string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM calendar_graph_events WHERE mailbox = $mailbox AND session_id = $session;";
        command.Parameters.AddWithValue("$mailbox", Key(mailbox));
        command.Parameters.AddWithValue("$session", sessionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // UPNs and object ids are case-insensitive; one mailbox must be one key.
    private static string Key(string mailbox) => mailbox.Trim().ToLowerInvariant();

    private async Task<IReadOnlyList<GraphEventRecord>> QueryAsync(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT mailbox, session_id, event_id, sequence, is_organizer FROM calendar_graph_events {where} ORDER BY mailbox, session_id;";
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<GraphEventRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new GraphEventRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4) == 1));
        }
        return records;
    }
}

/// <summary>
/// Secret links to delegates' personal feeds. Only a SHA-256 hash of each token is stored: the database alone does
/// not give anyone a working link. A user may hold a few links at once (one per calendar app); revoking ends them all.
/// </summary>
public sealed class SqliteFeedTokenStore(SqliteDatabase database, TimeProvider time)
{
    /// <summary>Links kept active per user; issuing one more retires the oldest.</summary>
    public const int MaxActivePerUser = 5;

    /// <summary>A new token (256 random bits, URL-safe) for the user; returned once, stored hashed.</summary>
    public async Task<string> IssueAsync(string userId, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = Now();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO calendar_feed_tokens (token_hash, user_id, created_at) VALUES ($hash, $user, $now);";
            insert.Parameters.AddWithValue("$hash", Hash(token));
            insert.Parameters.AddWithValue("$user", userId);
            insert.Parameters.AddWithValue("$now", now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var retire = connection.CreateCommand())
        {
            retire.Transaction = transaction;
            retire.CommandText = """
                UPDATE calendar_feed_tokens SET revoked_at = $now
                WHERE user_id = $user AND revoked_at IS NULL AND token_hash NOT IN (
                    SELECT token_hash FROM calendar_feed_tokens WHERE user_id = $user AND revoked_at IS NULL
                    ORDER BY created_at DESC, rowid DESC LIMIT $keep);
                """;
            retire.Parameters.AddWithValue("$user", userId);
            retire.Parameters.AddWithValue("$now", now);
            retire.Parameters.AddWithValue("$keep", MaxActivePerUser);
            await retire.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>The user an active token belongs to; null for unknown, malformed or revoked tokens.</summary>
    public async Task<string?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_id FROM calendar_feed_tokens WHERE token_hash = $hash AND revoked_at IS NULL;";
        command.Parameters.AddWithValue("$hash", Hash(token));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<int> RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE calendar_feed_tokens SET revoked_at = $now WHERE user_id = $user AND revoked_at IS NULL;";
        command.Parameters.AddWithValue("$user", userId);
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
