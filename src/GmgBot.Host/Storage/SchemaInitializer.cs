using System.Globalization;

namespace GmgBot.Host.Storage;

/// <summary>
/// Applies the provider's pending migrations (<see cref="BotDatabase.Migrations"/>) before the host takes requests,
/// under the schema lock, so that instances starting together apply each step once.
/// </summary>
public sealed class SchemaInitializer(BotDatabase database, TimeProvider time, ILogger<SchemaInitializer> logger) : IHostedService
{
    // Schema changes may wait for another instance's migration or take a while on a large table.
    private const int MigrationTimeoutSeconds = 300;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var schemaLock = await database.LockSchemaAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken);

        foreach (var migration in database.Migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var check = connection.Command("SELECT COUNT(*) FROM schema_migrations WHERE id IN (@id, @former);", transaction)
                .With("@id", migration.Id).With("@former", migration.FormerId))
            {
                check.CommandTimeout = MigrationTimeoutSeconds;
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using (var record = connection.Command("INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at);", transaction)
                .With("@id", migration.Id).With("@at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)))
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied database migration {MigrationId} to {Database}.", migration.Id, database.Description);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction);
        command.CommandTimeout = MigrationTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
