using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using GmgBot.Core.Conversation;

namespace GmgBot.Host.Storage;

/// <summary>
/// Conversation references, one row per conversation. Every turn records its conversation, so the write is skipped
/// when this instance wrote the same reference recently (<see cref="RefreshInterval"/>): a turn of a known
/// conversation waits on no write, and a stale one refreshes its row behind the reply.
/// </summary>
public sealed class ConversationStore(BotDatabase database, TimeProvider time, ILogger<ConversationStore> logger) : IConversationStore
{
    /// <summary>How often an unchanged conversation's row is written again (last_seen_at, and a row another instance changed).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(15);

    // Far more conversations than one event has; past it the memory starts again from nothing (the rows stay).
    private const int MaxRemembered = 50_000;

    private const string Columns = """
        conversation_id, conversation_type, tenant_id, service_url, channel_id, bot_id, bot_name,
        user_id, user_name, user_aad_object_id, locale, is_installed, first_seen_at, last_seen_at, installed_at, uninstalled_at,
        team_id, team_name, name
        """;

    // The latest activity wins for where and as whom to reach the conversation; values it lacks keep the stored ones.
    private const string Upsert = $"""
        INSERT INTO conversations AS c ({Columns})
        VALUES (@conversation_id, @conversation_type, @tenant_id, @service_url, @channel_id, @bot_id, @bot_name,
                @user_id, @user_name, @user_aad_object_id, @locale, @is_installed, @now, @now, @installed_at, NULL,
                @team_id, @team_name, @name)
        ON CONFLICT (conversation_id) DO UPDATE SET
            conversation_type  = coalesce(excluded.conversation_type, c.conversation_type),
            tenant_id          = coalesce(excluded.tenant_id, c.tenant_id),
            service_url        = excluded.service_url,
            channel_id         = excluded.channel_id,
            bot_id             = excluded.bot_id,
            bot_name           = coalesce(excluded.bot_name, c.bot_name),
            user_id            = coalesce(excluded.user_id, c.user_id),
            user_name          = coalesce(excluded.user_name, c.user_name),
            user_aad_object_id = coalesce(excluded.user_aad_object_id, c.user_aad_object_id),
            locale             = coalesce(excluded.locale, c.locale),
            team_id            = coalesce(excluded.team_id, c.team_id),
            team_name          = coalesce(excluded.team_name, c.team_name),
            name               = coalesce(excluded.name, c.name),
            last_seen_at       = excluded.last_seen_at;
        """;

    // What this instance last wrote, or tried to write, for each conversation.
    private readonly ConcurrentDictionary<string, Recorded> _recorded = new(StringComparer.Ordinal);

    public async Task RecordAsync(ConversationSnapshot snapshot, bool userInteracted, CancellationToken cancellationToken)
    {
        if (_recorded.TryGetValue(snapshot.ConversationId, out var known) && known.Saved && known.Snapshot == snapshot)
        {
            if (time.GetElapsedTime(known.WrittenAt) >= RefreshInterval
                && _recorded.TryUpdate(snapshot.ConversationId, known with { WrittenAt = time.GetTimestamp() }, known))
            {
                _ = RefreshBehindAsync(snapshot);
            }
            return;
        }
        try
        {
            await database.RunAsync((connection, token) => UpsertAsync(connection, null, snapshot, userInteracted, token), cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // Remembered unsaved: this turn can still address the user (FindAsync), and the next turn writes it again.
            Remember(new Recorded(snapshot, userInteracted, Saved: false, time.GetTimestamp()));
            throw;
        }
        Remember(new Recorded(snapshot, userInteracted, Saved: true, time.GetTimestamp()));
    }

    public async Task<bool> SetInstalledAsync(ConversationSnapshot snapshot, bool installed, CancellationToken cancellationToken)
    {
        var changed = await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            await UpsertAsync(connection, transaction, snapshot, userInteracted: false, token);
            // One conditional UPDATE: of two install events racing, exactly one sees the state change.
            await using var update = connection.Command(installed
                ? "UPDATE conversations SET is_installed = 1, installed_at = @now WHERE conversation_id = @id AND is_installed = 0;"
                : "UPDATE conversations SET is_installed = 0, uninstalled_at = @now WHERE conversation_id = @id AND is_installed = 1;", transaction)
                .With("@id", snapshot.ConversationId).With("@now", Now());
            return await update.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);
        Remember(new Recorded(snapshot, installed, Saved: true, time.GetTimestamp()));
        return changed;
    }

    public async Task<StoredConversation?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {Columns} FROM conversations WHERE conversation_id = @id;",
            command => command.With("@id", conversationId), cancellationToken);
        if (rows.Count == 0 && _recorded.TryGetValue(conversationId, out var unsaved) && !unsaved.Saved)
        {
            // The database refused this conversation's row a moment ago: answer from memory, so that what the user asks
            // next fails honestly on its own write ("I can't save that right now") instead of "I don't know you".
            var now = time.GetUtcNow();
            return new StoredConversation { Snapshot = unsaved.Snapshot, IsInstalled = unsaved.Installed, FirstSeenAt = now, LastSeenAt = now };
        }
        return rows.SingleOrDefault();
    }

    public async Task<StoredConversation?> FindPersonalChatAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken) =>
        (await QueryAsync(
            $"""
            SELECT {Columns} FROM conversations
            WHERE user_aad_object_id = @aad AND is_installed = 1 AND (conversation_type = 'personal' OR conversation_type IS NULL)
              AND (CAST(@tenant AS TEXT) IS NULL OR tenant_id = @tenant)
            ORDER BY last_seen_at DESC, conversation_id LIMIT 1;
            """,
            command => command.With("@aad", aadObjectId).With("@tenant", tenantId),
            cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<StoredConversation>> ListInstalledAsync(string? conversationType, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM conversations WHERE is_installed = 1 AND (CAST(@type AS TEXT) IS NULL OR conversation_type = @type) ORDER BY first_seen_at, conversation_id;",
            command => command.With("@type", conversationType),
            cancellationToken);

    private async Task RefreshBehindAsync(ConversationSnapshot snapshot)
    {
        try
        {
            await database.RunAsync((connection, token) => UpsertAsync(connection, null, snapshot, userInteracted: false, token), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Only last_seen_at is behind: the row already holds this reference. (No one awaits this write.)
            logger.LogWarning("Could not refresh conversation {ConversationId}: {Reason}", snapshot.ConversationId, ex.Message);
        }
    }

    private void Remember(Recorded recorded)
    {
        if (_recorded.Count >= MaxRemembered)
        {
            _recorded.Clear();
        }
        _recorded[recorded.Snapshot.ConversationId] = recorded;
    }

    private async Task UpsertAsync(DbConnection connection, DbTransaction? transaction, ConversationSnapshot snapshot, bool userInteracted, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var command = connection.Command(Upsert, transaction)
            .With("@conversation_id", snapshot.ConversationId)
            .With("@conversation_type", snapshot.ConversationType)
            .With("@tenant_id", snapshot.TenantId)
            .With("@service_url", snapshot.ServiceUrl)
            .With("@channel_id", snapshot.ChannelId)
            .With("@bot_id", snapshot.BotId)
            .With("@bot_name", snapshot.BotName)
            .With("@user_id", snapshot.UserId)
            .With("@user_name", snapshot.UserName)
            .With("@user_aad_object_id", snapshot.UserAadObjectId)
            .With("@locale", snapshot.Locale)
            .With("@team_id", snapshot.TeamId)
            .With("@team_name", snapshot.TeamName)
            .With("@name", snapshot.Name)
            .With("@is_installed", userInteracted ? 1 : 0)
            .With("@installed_at", userInteracted ? now : null)
            .With("@now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<IReadOnlyList<StoredConversation>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<StoredConversation>>(async (connection, token) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(token);
            var results = new List<StoredConversation>();
            while (await reader.ReadAsync(token))
            {
                results.Add(Read(reader));
            }
            return results;
        }, cancellationToken);

    private static StoredConversation Read(DbDataReader r) => new()
    {
        Snapshot = new ConversationSnapshot
        {
            ConversationId = r.GetString(0),
            ConversationType = r.TextOrNull(1),
            TenantId = r.TextOrNull(2),
            ServiceUrl = r.GetString(3),
            ChannelId = r.GetString(4),
            BotId = r.GetString(5),
            BotName = r.TextOrNull(6),
            UserId = r.TextOrNull(7),
            UserName = r.TextOrNull(8),
            UserAadObjectId = r.TextOrNull(9),
            Locale = r.TextOrNull(10),
            TeamId = r.TextOrNull(16),
            TeamName = r.TextOrNull(17),
            Name = r.TextOrNull(18),
        },
        IsInstalled = r.GetInt32(11) == 1,
        FirstSeenAt = Time(r, 12)!.Value,
        LastSeenAt = Time(r, 13)!.Value,
        InstalledAt = Time(r, 14),
        UninstalledAt = Time(r, 15),
    };

    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private sealed record Recorded(ConversationSnapshot Snapshot, bool Installed, bool Saved, long WrittenAt);
}
