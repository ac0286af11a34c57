using System.Globalization;
using GmgBot.Core.Delivery;
using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>
/// The outbox on the bot's SQLite database. One row per (job, recipient), unique, so nothing is enqueued twice.
/// Claims are leases (claimed_by, lease_until) taken with one atomic UPDATE, so instances sharing the file never
/// take the same row; SQLite's own write lock is all the coordination needed. A send is marked in flight, and
/// committed, before its request leaves, and its result is written as soon as it comes back.
/// </summary>
public sealed class SqliteOutbox(SqliteDatabase database, DeliverySignal signal, TimeProvider time) : IOutbox
{
    private const string Columns = """
        id, job_key, kind, recipient, audience, content, due_at, not_after, broadcast_id, target_activity_id,
        state, attempts, conversation_id, activity_id, last_error, finished_at
        """;

    public async Task<int> EnqueueAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken) =>
        await ReplacePendingAsync([], messages, cancellationToken);

    public async Task<int> ReplacePendingAsync(IReadOnlyCollection<string> jobKeyPrefixes, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (jobKeyPrefixes.Count == 0 && messages.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (jobKeyPrefixes.Count > 0)
        {
            await using var delete = Command(connection, transaction, """
                DELETE FROM delivery_outbox WHERE state = 'pending' AND job_key >= $from AND job_key < $to;
                """);
            var from = delete.Parameters.Add("$from", SqliteType.Text);
            var to = delete.Parameters.Add("$to", SqliteType.Text);
            foreach (var prefix in jobKeyPrefixes.Where(p => p.Length > 0).Distinct())
            {
                (from.Value, to.Value) = (prefix, prefix[..^1] + (char)(prefix[^1] + 1));
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        var added = await InsertAsync(connection, transaction, messages, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (added > 0)
        {
            signal.Wake();
        }
        return added;
    }

    /// <summary>Inserts rows within the caller's transaction (a broadcast is stored with its first rows); duplicates are skipped.</summary>
    internal static async Task<int> InsertAsync(
        SqliteConnection connection, SqliteTransaction transaction, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var insert = Command(connection, transaction, """
            INSERT INTO delivery_outbox (job_key, recipient_key, kind, recipient, audience, content, session_id, broadcast_id,
                                         target_activity_id, due_at, not_after, created_at)
            VALUES ($job_key, $recipient_key, $kind, $recipient, $audience, $content, $session_id, $broadcast_id,
                    $target_activity_id, $due_at, $not_after, $now)
            ON CONFLICT (job_key, recipient_key) DO NOTHING;
            """);
        var p = insert.Parameters;
        var (jobKey, recipientKey, kind, recipient, audience, content, sessionId, broadcastId, target, dueAt, notAfter) = (
            p.Add("$job_key", SqliteType.Text), p.Add("$recipient_key", SqliteType.Text), p.Add("$kind", SqliteType.Text),
            p.Add("$recipient", SqliteType.Text), p.Add("$audience", SqliteType.Text), p.Add("$content", SqliteType.Text),
            p.Add("$session_id", SqliteType.Text), p.Add("$broadcast_id", SqliteType.Text), p.Add("$target_activity_id", SqliteType.Text),
            p.Add("$due_at", SqliteType.Integer), p.Add("$not_after", SqliteType.Integer));
        p.AddWithValue("$now", Ms(now));
        var added = 0;
        foreach (var message in messages)
        {
            message.Validate();
            jobKey.Value = message.JobKey;
            recipientKey.Value = message.RecipientKey;
            kind.Value = KindName(message.Kind);
            recipient.Value = Db(message.Recipient is null ? null : DeliveryJson.Write(message.Recipient));
            audience.Value = Db(message.Audience is null ? null : DeliveryJson.Write(message.Audience));
            content.Value = DeliveryJson.Write(message.Content);
            sessionId.Value = Db(message.Kind == OutboxKind.Send ? message.Content.SessionId : null);
            broadcastId.Value = Db(message.BroadcastId);
            target.Value = Db(message.TargetActivityId);
            dueAt.Value = Ms(message.DueAt);
            notAfter.Value = message.NotAfter is { } n ? Ms(n) : DBNull.Value;
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }

    public async Task<DeliveryTally> TallyAsync(string jobKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT state, count(*) FROM delivery_outbox WHERE job_key = $job AND kind <> 'fanout' GROUP BY state;");
        command.Parameters.AddWithValue("$job", jobKey);
        var counts = new Dictionary<OutboxState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[ParseState(reader.GetString(0))] = reader.GetInt32(1);
        }
        int Of(OutboxState s) => counts.GetValueOrDefault(s);
        return new DeliveryTally(Of(OutboxState.Pending), Of(OutboxState.InFlight), Of(OutboxState.Sent), Of(OutboxState.Unreachable),
            Of(OutboxState.Dead), Of(OutboxState.Unconfirmed), Of(OutboxState.Expired));
    }

    public Task<IReadOnlyList<OutboxRow>> ProblemsAsync(string jobKey, int max, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {Columns} FROM delivery_outbox
            WHERE job_key = $job AND kind <> 'fanout' AND state IN ('dead', 'unreachable', 'unconfirmed', 'expired')
            ORDER BY finished_at DESC, id DESC LIMIT $max;
            """, c => { c.Parameters.AddWithValue("$job", jobKey); c.Parameters.AddWithValue("$max", max); }, cancellationToken);

    public Task<IReadOnlyList<OutboxRow>> RowsAsync(string jobKey, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM delivery_outbox WHERE job_key = $job AND kind <> 'fanout' ORDER BY id;",
            c => c.Parameters.AddWithValue("$job", jobKey), cancellationToken);

    public async Task<IReadOnlyList<SentCard>> SentCardsAsync(string sessionId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync($"""
            SELECT {Columns} FROM delivery_outbox
            WHERE session_id = $session AND state = 'sent' AND kind = 'send' AND activity_id IS NOT NULL ORDER BY id;
            """, c => c.Parameters.AddWithValue("$session", sessionId), cancellationToken))
            .Select(r => new SentCard(r.Message.Recipient!, r.ConversationId!, r.ActivityId!))];

    public async Task<int> RequeueAsync(string jobKey, IReadOnlyCollection<OutboxState> states, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            UPDATE delivery_outbox
            SET state = 'pending', due_at = $due, attempts = 0, claimed_by = NULL, lease_until = NULL, finished_at = NULL,
                last_error = 'Resent by an organizer; before: ' || coalesce(last_error, state)
            WHERE job_key = $job AND kind <> 'fanout' AND state IN ({string.Join(", ", states.Select(s => $"'{StateName(s)}'"))});
            """);
        command.Parameters.AddWithValue("$job", jobKey);
        command.Parameters.AddWithValue("$due", Ms(dueAt));
        var count = await command.ExecuteNonQueryAsync(cancellationToken);
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
    public async Task<IReadOnlyList<OutboxRow>> RecoverAsync(string instanceId, bool restart, CancellationToken cancellationToken)
    {
        var now = Ms(time.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var recovered = new List<OutboxRow>();
        await using (var inFlight = Command(connection, transaction, $"""
            UPDATE delivery_outbox
            SET state = CASE kind WHEN 'send' THEN 'unconfirmed' ELSE 'pending' END,
                finished_at = CASE kind WHEN 'send' THEN $now ELSE NULL END,
                last_error = CASE kind WHEN 'send'
                    THEN 'The bot stopped (' || coalesce(claimed_by, '?') || ') while this message was being sent; it may or may not have arrived.'
                    ELSE last_error END,
                claimed_by = NULL, lease_until = NULL
            WHERE state = 'in_flight' AND (lease_until <= $now OR ($restart AND claimed_by = $me))
            RETURNING {Columns};
            """))
        {
            inFlight.Parameters.AddWithValue("$now", now);
            inFlight.Parameters.AddWithValue("$me", instanceId);
            inFlight.Parameters.AddWithValue("$restart", restart);
            recovered.AddRange(await ReadAsync(inFlight, cancellationToken));
        }
        if (restart)
        {
            await using var release = Command(connection, transaction,
                "UPDATE delivery_outbox SET claimed_by = NULL, lease_until = NULL WHERE state = 'pending' AND claimed_by = $me;");
            release.Parameters.AddWithValue("$me", instanceId);
            await release.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return recovered;
    }

    /// <summary>Leases up to <paramref name="max"/> due pending rows to <paramref name="instanceId"/>, earliest first.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ClaimAsync(string instanceId, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            UPDATE delivery_outbox SET claimed_by = $me, lease_until = $lease
            WHERE id IN (
                SELECT id FROM delivery_outbox
                WHERE state = 'pending' AND due_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY due_at, id LIMIT $max)
            RETURNING {Columns};
            """);
        command.Parameters.AddWithValue("$me", instanceId);
        command.Parameters.AddWithValue("$now", Ms(now));
        command.Parameters.AddWithValue("$lease", Ms(now + lease));
        command.Parameters.AddWithValue("$max", max);
        var rows = await ReadAsync(command, cancellationToken);
        return [.. rows.OrderBy(r => r.Message.DueAt).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// Records, durably, that the row's request is about to leave. False when the row is no longer this instance's
    /// to send (deleted, reclaimed by another instance after the lease ran out).
    /// </summary>
    public async Task<bool> MarkInFlightAsync(long id, string instanceId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE delivery_outbox SET state = 'in_flight', attempts = attempts + 1, attempted_at = $now, lease_until = $lease
            WHERE id = $id AND state = 'pending' AND claimed_by = $me;
            """);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$me", instanceId);
        command.Parameters.AddWithValue("$now", Ms(now));
        command.Parameters.AddWithValue("$lease", Ms(now + lease));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Writes what became of a row's attempt. A delivery is recorded even if the row was reported unconfirmed meanwhile: it did arrive.</summary>
    public async Task CompleteAsync(long id, string instanceId, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var p = command.Parameters;
        p.AddWithValue("$id", id);
        p.AddWithValue("$me", instanceId);
        p.AddWithValue("$now", Ms(now));
        switch (outcome)
        {
            case Delivered delivered:
                command.CommandText = """
                    UPDATE delivery_outbox SET state = 'sent', conversation_id = $conversation, activity_id = $activity, last_error = NULL,
                        finished_at = $now, claimed_by = NULL, lease_until = NULL
                    WHERE id = $id AND state IN ('in_flight', 'unconfirmed');
                    """;
                p.AddWithValue("$conversation", delivered.ConversationId);
                p.AddWithValue("$activity", Db(delivered.ActivityId));
                break;
            case RetryLater retry:
                command.CommandText = """
                    UPDATE delivery_outbox
                    SET state = 'pending', due_at = $due, last_error = $error, claimed_by = NULL, lease_until = NULL,
                        attempts = CASE state WHEN 'pending' THEN attempts + 1 ELSE attempts END
                    WHERE id = $id AND state IN ('pending', 'in_flight') AND claimed_by = $me;
                    """;
                p.AddWithValue("$due", Ms(now + retry.Delay));
                p.AddWithValue("$error", retry.Reason);
                break;
            default:
                command.CommandText = """
                    UPDATE delivery_outbox SET state = $state, last_error = $error, finished_at = $now, claimed_by = NULL, lease_until = NULL
                    WHERE id = $id AND state IN ('pending', 'in_flight') AND claimed_by = $me;
                    """;
                p.AddWithValue("$state", StateName(outcome.State));
                p.AddWithValue("$error", Db(outcome.Error));
                break;
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Expands a fan-out row into its recipients' rows and closes it, in one transaction (so a crash repeats it whole, without duplicates).</summary>
    public async Task<int> ExpandAsync(long fanOutId, string instanceId, IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var added = await InsertAsync(connection, transaction, messages, now, cancellationToken);
        await using (var close = Command(connection, transaction, """
            UPDATE delivery_outbox SET state = 'sent', finished_at = $now, last_error = $note, claimed_by = NULL, lease_until = NULL
            WHERE id = $id AND claimed_by = $me;
            """))
        {
            close.Parameters.AddWithValue("$id", fanOutId);
            close.Parameters.AddWithValue("$me", instanceId);
            close.Parameters.AddWithValue("$now", Ms(now));
            close.Parameters.AddWithValue("$note", $"{messages.Count} recipient(s)");
            await close.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        signal.Wake();
        return added;
    }

    /// <summary>When something next needs the engine: a pending row coming due (or its lease running out), or an in-flight lease running out.</summary>
    public async Task<DateTimeOffset?> NextWakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT min(t) FROM (
                SELECT min(CASE WHEN lease_until > due_at THEN lease_until ELSE due_at END) AS t FROM delivery_outbox WHERE state = 'pending'
                UNION ALL
                SELECT min(lease_until) FROM delivery_outbox WHERE state = 'in_flight');
            """);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private async Task<IReadOnlyList<OutboxRow>> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql);
        bind(command);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<List<OutboxRow>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = new OutboxMessage
            {
                JobKey = reader.GetString(1),
                Kind = ParseKind(reader.GetString(2)),
                Recipient = reader.IsDBNull(3) ? null : DeliveryJson.Read<Recipient>(reader.GetString(3)),
                Audience = reader.IsDBNull(4) ? null : DeliveryJson.Read<Audience>(reader.GetString(4)),
                Content = DeliveryJson.Read<DeliveryContent>(reader.GetString(5)),
                DueAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                NotAfter = reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                BroadcastId = Text(reader, 8),
                TargetActivityId = Text(reader, 9),
            };
            rows.Add(new OutboxRow(reader.GetInt64(0), message, ParseState(reader.GetString(10)), reader.GetInt32(11),
                Text(reader, 12), Text(reader, 13), Text(reader, 14),
                reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15))));
        }
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    internal static long Ms(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

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
        _ => Enum.Parse<OutboxState>(state, ignoreCase: true),
    };
}
