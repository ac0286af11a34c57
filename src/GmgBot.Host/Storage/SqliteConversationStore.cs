using GmgBot.Core.Conversation;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>Conversation references in the bot's SQLite database, one row per conversation.</summary>
public sealed class SqliteConversationStore(SqliteDatabase database, TimeProvider time) : IConversationStore
{
    private const string Columns = """
        conversation_id, conversation_type, tenant_id, service_url, channel_id, bot_id, bot_name,
        user_id, user_name, user_aad_object_id, locale, is_installed, first_seen_at, last_seen_at, installed_at, uninstalled_at,
        team_id, team_name, name
        """;

    // The latest activity wins for where and as whom to reach the conversation; values it lacks keep the stored ones.
    private const string Upsert = $"""
        INSERT INTO conversations ({Columns})
        VALUES ($conversation_id, $conversation_type, $tenant_id, $service_url, $channel_id, $bot_id, $bot_name,
                $user_id, $user_name, $user_aad_object_id, $locale, $is_installed, $now, $now, $installed_at, NULL,
                $team_id, $team_name, $name)
        ON CONFLICT (conversation_id) DO UPDATE SET
            conversation_type  = coalesce(excluded.conversation_type, conversation_type),
            tenant_id          = coalesce(excluded.tenant_id, tenant_id),
            service_url        = excluded.service_url,
            channel_id         = excluded.channel_id,
            bot_id             = excluded.bot_id,
            bot_name           = coalesce(excluded.bot_name, bot_name),
            user_id            = coalesce(excluded.user_id, user_id),
            user_name          = coalesce(excluded.user_name, user_name),
            user_aad_object_id = coalesce(excluded.user_aad_object_id, user_aad_object_id),
            locale             = coalesce(excluded.locale, locale),
            team_id            = coalesce(excluded.team_id, team_id),
            team_name          = coalesce(excluded.team_name, team_name),
            name               = coalesce(excluded.name, name),
            last_seen_at       = excluded.last_seen_at;
        """;

    public async Task RecordAsync(ConversationSnapshot snapshot, bool userInteracted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = CreateUpsert(connection, snapshot, userInteracted);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> SetInstalledAsync(ConversationSnapshot snapshot, bool installed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using (var upsert = CreateUpsert(connection, snapshot, userInteracted: false))
        {
            upsert.Transaction = transaction;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        // One conditional UPDATE: of two install events racing, exactly one sees the state change.
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = installed
            ? "UPDATE conversations SET is_installed = 1, installed_at = $now WHERE conversation_id = $id AND is_installed = 0;"
            : "UPDATE conversations SET is_installed = 0, uninstalled_at = $now WHERE conversation_id = $id AND is_installed = 1;";
        update.Parameters.AddWithValue("$id", snapshot.ConversationId);
        update.Parameters.AddWithValue("$now", Now());
        var changed = await update.ExecuteNonQueryAsync(cancellationToken) == 1;

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<StoredConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM conversations WHERE conversation_id = $id;",
            command => command.Parameters.AddWithValue("$id", conversationId), cancellationToken);
        return rows.SingleOrDefault();
    }

    public Task<IReadOnlyList<StoredConversation>> ListInstalledAsync(string? conversationType, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM conversations WHERE is_installed = 1 AND ($type IS NULL OR conversation_type = $type) ORDER BY first_seen_at, conversation_id;",
            command => command.Parameters.AddWithValue("$type", (object?)conversationType ?? DBNull.Value),
            cancellationToken);

    private SqliteCommand CreateUpsert(SqliteConnection connection, ConversationSnapshot snapshot, bool userInteracted)
    {
        var now = Now();
        var command = connection.CreateCommand();
        command.CommandText = Upsert;
        var p = command.Parameters;
        p.AddWithValue("$conversation_id", snapshot.ConversationId);
        p.AddWithValue("$conversation_type", Db(snapshot.ConversationType));
        p.AddWithValue("$tenant_id", Db(snapshot.TenantId));
        p.AddWithValue("$service_url", snapshot.ServiceUrl);
        p.AddWithValue("$channel_id", snapshot.ChannelId);
        p.AddWithValue("$bot_id", snapshot.BotId);
        p.AddWithValue("$bot_name", Db(snapshot.BotName));
        p.AddWithValue("$user_id", Db(snapshot.UserId));
        p.AddWithValue("$user_name", Db(snapshot.UserName));
        p.AddWithValue("$user_aad_object_id", Db(snapshot.UserAadObjectId));
        p.AddWithValue("$locale", Db(snapshot.Locale));
        p.AddWithValue("$team_id", Db(snapshot.TeamId));
        p.AddWithValue("$team_name", Db(snapshot.TeamName));
        p.AddWithValue("$name", Db(snapshot.Name));
        p.AddWithValue("$is_installed", userInteracted ? 1 : 0);
        p.AddWithValue("$installed_at", userInteracted ? now : DBNull.Value);
        p.AddWithValue("$now", now);
        return command;
    }

    private async Task<IReadOnlyList<StoredConversation>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var results = new List<StoredConversation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(Read(reader));
        }

        return results;
    }

    private static StoredConversation Read(SqliteDataReader r) => new()
    {
        Snapshot = new ConversationSnapshot
        {
            ConversationId = r.GetString(0),
            ConversationType = Text(r, 1),
            TenantId = Text(r, 2),
            ServiceUrl = r.GetString(3),
            ChannelId = r.GetString(4),
            BotId = r.GetString(5),
            BotName = Text(r, 6),
            UserId = Text(r, 7),
            UserName = Text(r, 8),
            UserAadObjectId = Text(r, 9),
            Locale = Text(r, 10),
            TeamId = Text(r, 16),
            TeamName = Text(r, 17),
            Name = Text(r, 18),
        },
        IsInstalled = r.GetInt64(11) == 1,
        FirstSeenAt = Time(r, 12)!.Value,
        LastSeenAt = Time(r, 13)!.Value,
        InstalledAt = Time(r, 14),
        UninstalledAt = Time(r, 15),
    };

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
