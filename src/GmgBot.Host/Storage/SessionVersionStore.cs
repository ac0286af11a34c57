using System.Globalization;
using GmgBot.Core.Agenda;

namespace GmgBot.Host.Storage;

/// <summary>The last published version of each session, so changes are noticed across restarts.</summary>
public sealed class SessionVersionStore(BotDatabase database) : ISessionVersionStore
{
    public Task<IReadOnlyDictionary<string, SessionVersion>> LoadAsync(CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyDictionary<string, SessionVersion>>(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT session_id, title, start_utc, end_utc, room, sequence FROM session_versions;");
            var versions = new Dictionary<string, SessionVersion>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var version = new SessionVersion(
                    reader.GetString(0),
                    reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
                    reader.TextOrNull(4),
                    reader.GetInt32(5));
                versions[version.SessionId] = version;
            }
            return versions;
        }, cancellationToken);

    public Task SaveAsync(IReadOnlyList<SessionVersion> versions, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, transaction, token) =>
        {
            // Instances starting together may both save: the table lock makes one wait for the other, not fail on a key.
            var lockTable = database.Provider == StorageProvider.PostgreSql ? "LOCK TABLE session_versions IN EXCLUSIVE MODE; " : "";
            await using (var clear = connection.Command($"{lockTable}DELETE FROM session_versions;", transaction))
            {
                await clear.ExecuteNonQueryAsync(token);
            }
            await using var insert = connection.Command("INSERT INTO session_versions VALUES (@id, @title, @start, @end, @room, @sequence);", transaction);
            var (id, title, start, end, room, sequence) = (insert.Parameter("@id", System.Data.DbType.String), insert.Parameter("@title", System.Data.DbType.String),
                insert.Parameter("@start", System.Data.DbType.String), insert.Parameter("@end", System.Data.DbType.String),
                insert.Parameter("@room", System.Data.DbType.String), insert.Parameter("@sequence", System.Data.DbType.Int32));
            foreach (var v in versions)
            {
                (id.Value, title.Value, start.Value, end.Value, room.Value, sequence.Value) = (v.SessionId, v.Title,
                    v.Start.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), v.End.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                    v.Room.OrNull(), v.Sequence);
                await insert.ExecuteNonQueryAsync(token);
            }
            return versions.Count;
        }, cancellationToken);
}
