using GmgBot.Core.Agenda;

namespace GmgBot.Host.Storage;

/// <summary>The last published version of each session, so changes are noticed across restarts.</summary>
public sealed class SqliteSessionVersionStore(SqliteDatabase database) : ISessionVersionStore
{
    public async Task<IReadOnlyDictionary<string, SessionVersion>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_id, title, start_utc, end_utc, room, sequence FROM session_versions";
        var versions = new Dictionary<string, SessionVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = new SessionVersion(
                reader.GetString(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5));
            versions[version.SessionId] = version;
        }
        return versions;
    }

    public async Task SaveAsync(IReadOnlyList<SessionVersion> versions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "DELETE FROM session_versions";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var v in versions)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO session_versions VALUES ($id, $title, $start, $end, $room, $sequence)";
            insert.Parameters.AddWithValue("$id", v.SessionId);
            insert.Parameters.AddWithValue("$title", v.Title);
            insert.Parameters.AddWithValue("$start", v.Start.ToUniversalTime().ToString("O"));
            insert.Parameters.AddWithValue("$end", v.End.ToUniversalTime().ToString("O"));
            insert.Parameters.AddWithValue("$room", (object?)v.Room ?? DBNull.Value);
            insert.Parameters.AddWithValue("$sequence", v.Sequence);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
