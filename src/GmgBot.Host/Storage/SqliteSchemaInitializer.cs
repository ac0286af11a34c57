using Microsoft.Data.Sqlite;

namespace GmgBot.Host.Storage;

/// <summary>Creates the database file and applies pending migrations (<see cref="SqliteMigrations.All"/>) before the host takes requests.</summary>
public sealed class SqliteSchemaInitializer(SqliteDatabase database, TimeProvider time, ILogger<SqliteSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database.FilePath)!);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // WAL lets readers go on while one writer writes; it is a property of the file, so set once here.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken);

        foreach (var migration in SqliteMigrations.All)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE id IN ($id, $former);";
                check.Parameters.AddWithValue("$id", migration.Id);
                check.Parameters.AddWithValue("$former", (object?)migration.FormerId ?? DBNull.Value);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES ($id, $at);";
                record.Parameters.AddWithValue("$id", migration.Id);
                record.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied database migration {MigrationId} to {DatabasePath}.", migration.Id, database.FilePath);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
