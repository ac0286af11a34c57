using System.Data;
using System.Data.Common;
using System.Globalization;
using GmgBot.Core.Delivery;

namespace GmgBot.Host.Storage;

/// <summary>
/// The outbox on the bot's database. One row per (job, recipient), unique, so nothing is enqueued twice. Claims are
/// leases (claimed_by, lease_until) taken with one atomic UPDATE, so instances sharing the database never take the
/// same row (PostgreSQL: rows another instance is claiming are skipped, not waited for; SQLite: its write lock). A
/// send is marked in flight, and committed, before its request leaves, and its result is written as soon as it comes
/// back. A row that cannot be read (corrupt JSON, an unknown kind) goes to the dead letters with the reason.
/// </summary>
public sealed class Outbox(BotDatabase database, DeliverySignal signal, TimeProvider time) : IOutbox
{
    private const string Columns = """
        id, job_key, kind, recipient, audience, content, due_at, not_after, broadcast_id, target_activity_id,
        state, attempts, conversation_id, activity_id, last_error, finished_at
        """;

    public Task<int> EnqueueAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
        ReplacePendingAsync([], messages, cancellationToken);

    public async Task<int> ReplacePendingAsync(IReadOnlyCollection<string> jobKeyPrefixes, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (jobKeyPrefixes.Count == 0 && messages.Count == 0)
        {
            return 0;
        }
        var added = await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            if (jobKeyPrefixes.Count > 0)
            {
                await using var delete = connection.Command(
                    "DELETE FROM delivery_outbox WHERE state = 'pending' AND job_key >= @from AND job_key < @to;", transaction);
                var from = delete.Parameter("@from", DbType.String);
                var to = delete.Parameter("@to", DbType.String);
                foreach (var prefix in jobKeyPrefixes.Where(p => p.Length > 0).Distinct())
                {
                    (from.Value, to.Value) = (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
                    await delete.ExecuteNonQueryAsync(token);
                }
            }
            return await InsertAsync(connection, transaction, messages, time.GetUtcNow(), token);
        }, cancellationToken);
        if (added > 0)
        {
            signal.Wake();
        }
        return added;
    }

    /// <summary>Inserts rows within the caller's transaction (a broadcast is stored with its first rows); duplicates are skipped.</summary>
    internal static async Task<int> InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO delivery_outbox (job_key, recipient_key, kind, recipient, audience, content, session_id, broadcast_id,
                                         target_activity_id, due_at, not_after, created_at)
            VALUES (@job_key, @recipient_key, @kind, @recipient, @audience, @content, @session_id, @broadcast_id,
                    @target_activity_id, @due_at, @not_after, @now)
            ON CONFLICT (job_key, recipient_key) DO NOTHING;
            """, transaction);
        var (jobKey, recipientKey, kind, recipient, audience, content, sessionId, broadcastId, target, dueAt, notAfter) = (
            insert.Parameter("@job_key", DbType.String), insert.Parameter("@recipient_key", DbType.String), insert.Parameter("@kind", DbType.String),
            insert.Parameter("@recipient", DbType.String), insert.Parameter("@audience", DbType.String), insert.Parameter("@content", DbType.String),
            insert.Parameter("@session_id", DbType.String), insert.Parameter("@broadcast_id", DbType.String), insert.Parameter("@target_activity_id", DbType.String),
            insert.Parameter("@due_at", DbType.Int64), insert.Parameter("@not_after", DbType.Int64));
        insert.With("@now", now.Ms());
        var added = 0;
        foreach (var message in messages)
        {
            message.Validate();
            jobKey.Value = message.JobKey;
            recipientKey.Value = message.RecipientKey;
            kind.Value = KindName(message.Kind);
            recipient.Value = (message.Recipient is null ? null : DeliveryJson.Write(message.Recipient)).OrNull();
            audience.Value = (message.Audience is null ? null : DeliveryJson.Write(message.Audience)).OrNull();
            content.Value = DeliveryJson.Write(message.Content);
            sessionId.Value = (message.Kind == OutboxKind.Send ? message.Content.SessionId : null).OrNull();
            broadcastId.Value = message.BroadcastId.OrNull();
            target.Value = message.TargetActivityId.OrNull();
            dueAt.Value = message.DueAt.Ms();
            notAfter.Value = message.NotAfter is { } latest ? latest.Ms() : DBNull.Value;
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }

    public Task<DeliveryTally> TallyAsync(string jobKey, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command(
                "SELECT state, count(*) FROM delivery_outbox WHERE job_key = @job AND kind <> 'fanout' GROUP BY state;").With("@job", jobKey);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                counts[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
            int Of(OutboxState s) => counts.GetValueOrDefault(StateName(s));
            return new DeliveryTally(Of(OutboxState.Pending), Of(OutboxState.InFlight), Of(OutboxState.Sent), Of(OutboxState.Unreachable),
                Of(OutboxState.Dead), Of(OutboxState.Unconfirmed), Of(OutboxState.Expired));
        }, cancellationToken);

    public Task<IReadOnlyList<OutboxRow>> ProblemsAsync(string jobKey, int max, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {Columns} FROM delivery_outbox
            WHERE job_key = @job AND kind <> 'fanout' AND state IN ('dead', 'unreachable', 'unconfirmed', 'expired')
            ORDER BY finished_at DESC, id DESC LIMIT @max;
            """, c => c.With("@job", jobKey).With("@max", max), cancellationToken);

    public Task<IReadOnlyList<OutboxRow>> RowsAsync(string jobKey, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_outbox WHERE job_key = @job AND kind <> 'fanout' ORDER BY id;",
            c => c.With("@job", jobKey), cancellationToken);

    public async Task<IReadOnlyList<SentCard>> SentCardsAsync(string sessionId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync($"""
            SELECT {Columns} FROM delivery_outbox
            WHERE session_id = @session AND state = 'sent' AND kind = 'send' AND activity_id IS NOT NULL ORDER BY id;
            """, c => c.With("@session", sessionId), cancellationToken))
            .Select(r => new SentCard(r.Message.Recipient!, r.ConversationId!, r.ActivityId!))];

    public async Task<int> RequeueAsync(string jobKey, IReadOnlyCollection<OutboxState> states, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var count = await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command($"""
                UPDATE delivery_outbox
                SET state = 'pending', due_at = @due, attempts = 0, claimed_by = NULL, lease_until = NULL, finished_at = NULL,
                    last_error = 'Resent by an organizer; before: ' || coalesce(last_error, state)
                WHERE job_key = @job AND kind <> 'fanout' AND state IN ({string.Join(", ", states.Select(s => $"'{StateName(s)}'"))});
                """).With("@job", jobKey).With("@due", dueAt.Ms());
            return await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
        if (count > 0)
        {
            signal.Wake();
        }
        return count;
    }

    // ---- The engine's side ------------------------------------------------------------------------------------

    /// <summary>
    /// After a restart of instance <paramref name="instanceId"/> (<paramref name="restart"/>), or once leases ran out:
    /// sends found in flight become unconfirmed (they may have reached Teams: POST is not idempotent); idempotent rows
    /// (updates, fan-outs) in flight go back to pending; claims of the instance's previous life are released.
    /// </summary>
    public Task<IReadOnlyList<OutboxRow>> RecoverAsync(string instanceId, bool restart, CancellationToken cancellationToken) =>
        database.InTransactionAsync<IReadOnlyList<OutboxRow>>(async (connection, transaction, token) =>
        {
            var now = time.GetUtcNow().Ms();
            await using var inFlight = connection.Command($"""
                UPDATE delivery_outbox
                SET state = CASE kind WHEN 'send' THEN 'unconfirmed' ELSE 'pending' END,
                    finished_at = CASE kind WHEN 'send' THEN @now ELSE NULL END,
                    last_error = CASE kind WHEN 'send'
                        THEN 'The bot stopped (' || coalesce(claimed_by, '?') || ') while this message was being sent; it may or may not have arrived.'
                        ELSE last_error END,
                    claimed_by = NULL, lease_until = NULL
                WHERE state = 'in_flight' AND (lease_until <= @now OR (@restart AND claimed_by = @me))
                RETURNING {Columns};
                """, transaction).With("@now", now).With("@me", instanceId).With("@restart", restart);
            var (recovered, _) = await ReadAsync(inFlight, token);
            if (restart)
            {
                await using var release = connection.Command(
                    "UPDATE delivery_outbox SET claimed_by = NULL, lease_until = NULL WHERE state = 'pending' AND claimed_by = @me;", transaction)
                    .With("@me", instanceId);
                await release.ExecuteNonQueryAsync(token);
            }
            return recovered;
        }, cancellationToken);

    /// <summary>
    /// Leases up to <paramref name="max"/> due pending rows to <paramref name="instanceId"/>, earliest first. Claimed rows
    /// that cannot be read go to the dead letters at once, with the reason, and are not returned.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(string instanceId, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (rows, unreadable) = await database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command($"""
                UPDATE delivery_outbox SET claimed_by = @me, lease_until = @lease
                WHERE id IN (
                    SELECT id FROM delivery_outbox
                    WHERE state = 'pending' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
                    ORDER BY due_at, id LIMIT @max {database.SkipLocked})
                RETURNING {Columns};
                """).With("@me", instanceId).With("@now", now.Ms()).With("@lease", (now + lease).Ms()).With("@max", max);
            return await ReadAsync(command, token);
        }, cancellationToken);
        foreach (var (id, reason) in unreadable)
        {
            await CompleteAsync(id, instanceId, new NotDelivered(OutboxState.Dead, reason), cancellationToken);
        }
        return [.. rows.OrderBy(r => r.Message.DueAt).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// Records, durably, that the row's request is about to leave. False when the row is no longer this instance's
    /// to send (deleted, reclaimed by another instance after the lease ran out).
    /// </summary>
    public Task<bool> MarkInFlightAsync(long id, string instanceId, TimeSpan lease, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            var now = time.GetUtcNow();
            await using var command = connection.Command("""
                UPDATE delivery_outbox SET state = 'in_flight', attempts = attempts + 1, attempted_at = @now, lease_until = @lease
                WHERE id = @id AND state = 'pending' AND claimed_by = @me;
                """).With("@id", id).With("@me", instanceId).With("@now", now.Ms()).With("@lease", (now + lease).Ms());
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    /// <summary>Writes what became of a row's attempt. A delivery is recorded even if the row was reported unconfirmed meanwhile: it did arrive.</summary>
    public Task CompleteAsync(long id, string instanceId, SendOutcome outcome, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            var now = time.GetUtcNow();
            await using var command = connection.Command(outcome switch
            {
                Delivered => """
                    UPDATE delivery_outbox SET state = 'sent', conversation_id = @conversation, activity_id = @activity, last_error = NULL,
                        finished_at = @now, claimed_by = NULL, lease_until = NULL
                    WHERE id = @id AND state IN ('in_flight', 'unconfirmed');
                    """,
                RetryLater => """
                    UPDATE delivery_outbox
                    SET state = 'pending', due_at = @due, last_error = @error, claimed_by = NULL, lease_until = NULL,
                        attempts = CASE state WHEN 'pending' THEN attempts + 1 ELSE attempts END
                    WHERE id = @id AND state IN ('pending', 'in_flight') AND claimed_by = @me;
                    """,
                _ => """
                    UPDATE delivery_outbox SET state = @state, last_error = @error, finished_at = @now, claimed_by = NULL, lease_until = NULL
                    WHERE id = @id AND state IN ('pending', 'in_flight') AND claimed_by = @me;
                    """,
            }).With("@id", id).With("@now", now.Ms());
            switch (outcome)
            {
                case Delivered delivered:
                    command.With("@conversation", delivered.ConversationId).With("@activity", delivered.ActivityId);
                    break;
                case RetryLater retry:
                    command.With("@me", instanceId).With("@due", (now + retry.Delay).Ms()).With("@error", retry.Reason);
                    break;
                default:
                    command.With("@me", instanceId).With("@state", StateName(outcome.State)).With("@error", outcome.Error);
                    break;
            }
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    /// <summary>Expands a fan-out row into its recipients' rows and closes it, in one transaction (so a crash repeats it whole, without duplicates).</summary>
    public async Task<int> ExpandAsync(long fanOutId, string instanceId, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var added = await database.InTransactionAsync(async (connection, transaction, token) =>
        {
            var now = time.GetUtcNow();
            var inserted = await InsertAsync(connection, transaction, messages, now, token);
            await using var close = connection.Command("""
                UPDATE delivery_outbox SET state = 'sent', finished_at = @now, last_error = @note, claimed_by = NULL, lease_until = NULL
                WHERE id = @id AND claimed_by = @me;
                """, transaction).With("@id", fanOutId).With("@me", instanceId).With("@now", now.Ms()).With("@note", $"{messages.Count} recipient(s)");
            await close.ExecuteNonQueryAsync(token);
            return inserted;
        }, cancellationToken);
        signal.Wake();
        return added;
    }

    /// <summary>When something next needs the engine: a pending row coming due (or its lease running out), or an in-flight lease running out.</summary>
    public Task<DateTimeOffset?> NextWakeAsync(CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("""
                SELECT min(t) FROM (
                    SELECT min(CASE WHEN lease_until > due_at THEN lease_until ELSE due_at END) AS t FROM delivery_outbox WHERE state = 'pending'
                    UNION ALL
                    SELECT min(lease_until) FROM delivery_outbox WHERE state = 'in_flight') AS wake;
                """);
            var value = await command.ExecuteScalarAsync(token);
            return value is long ms ? DbCommands.FromMs(ms) : (DateTimeOffset?)null;
        }, cancellationToken);

    // ---- Delivery reports: one instance at a time ------------------------------------------------------------

    /// <summary>
    /// Takes the right to update a broadcast's report for <paramref name="hold"/>, unless another instance holds it or,
    /// with <paramref name="dueOnly"/>, the last update (by any instance) was less than <paramref name="interval"/> ago.
    /// </summary>
    public Task<bool> TryHoldReportAsync(string broadcastId, string instanceId, bool dueOnly, TimeSpan interval, TimeSpan hold, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            var now = time.GetUtcNow();
            await using var command = connection.Command("""
                INSERT INTO delivery_report_leases AS r (broadcast_id, holder, held_until, next_update_at) VALUES (@id, @me, @until, @next)
                ON CONFLICT (broadcast_id) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until, next_update_at = excluded.next_update_at
                WHERE (r.held_until IS NULL OR r.held_until <= @now OR r.holder = @me) AND (NOT @due_only OR r.next_update_at <= @now);
                """).With("@id", broadcastId).With("@me", instanceId).With("@now", now.Ms()).With("@until", (now + hold).Ms())
                .With("@next", (now + interval).Ms()).With("@due_only", dueOnly);
            return await command.ExecuteNonQueryAsync(token) == 1;
        }, cancellationToken);

    public Task ReleaseReportAsync(string broadcastId, string instanceId, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command(
                "UPDATE delivery_report_leases SET holder = NULL, held_until = NULL WHERE broadcast_id = @id AND holder = @me;")
                .With("@id", broadcastId).With("@me", instanceId);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private Task<IReadOnlyList<OutboxRow>> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<OutboxRow>>(async (connection, token) =>
        {
            await using var command = connection.Command(sql);
            bind(command);
            return (await ReadAsync(command, token)).Rows;
        }, cancellationToken);

    /// <summary>The rows a command returns; those that cannot be read are set apart with the reason (never thrown: one bad row must not hold the others).</summary>
    private static async Task<(List<OutboxRow> Rows, List<(long Id, string Reason)> Unreadable)> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        var unreadable = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            try
            {
                rows.Add(Read(reader, id));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or NotSupportedException or ArgumentException or InvalidCastException)
            {
                unreadable.Add((id, $"Unreadable outbox row: {ex.GetType().Name}: {ex.Message}"));
            }
        }
        return (rows, unreadable);
    }

    private static OutboxRow Read(DbDataReader reader, long id)
    {
        var message = new OutboxMessage
        {
            JobKey = reader.GetString(1),
            Kind = ParseKind(reader.GetString(2)),
            Recipient = reader.IsDBNull(3) ? null : DeliveryJson.Read<Recipient>(reader.GetString(3)),
            Audience = reader.IsDBNull(4) ? null : DeliveryJson.Read<Audience>(reader.GetString(4)),
            Content = DeliveryJson.Read<DeliveryContent>(reader.GetString(5)),
            DueAt = DbCommands.FromMs(reader.GetInt64(6)),
            NotAfter = reader.Int64OrNull(7) is { } notAfter ? DbCommands.FromMs(notAfter) : null,
            BroadcastId = reader.TextOrNull(8),
            TargetActivityId = reader.TextOrNull(9),
        };
        message.Validate();
        return new OutboxRow(id, message, ParseState(reader.GetString(10)), reader.GetInt32(11),
            reader.TextOrNull(12), reader.TextOrNull(13), reader.TextOrNull(14),
            reader.Int64OrNull(15) is { } finished ? DbCommands.FromMs(finished) : null);
    }

    private static string KindName(OutboxKind kind) => kind switch
    {
        OutboxKind.Send => "send",
        OutboxKind.Update => "update",
        _ => "fanout",
    };

    private static OutboxKind ParseKind(string kind) => kind switch
    {
        "send" => OutboxKind.Send,
        "update" => OutboxKind.Update,
        "fanout" => OutboxKind.FanOut,
        _ => throw new InvalidDataException($"Unknown outbox kind '{kind}'."),
    };

    internal static string StateName(OutboxState state) => state switch
    {
        OutboxState.InFlight => "in_flight",
        _ => state.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static OutboxState ParseState(string state) => state switch
    {
        "in_flight" => OutboxState.InFlight,
        _ => Enum.TryParse<OutboxState>(state, ignoreCase: true, out var parsed) ? parsed : throw new InvalidDataException($"Unknown outbox state '{state}'."),
    };
}
