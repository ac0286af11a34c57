using System.Data.Common;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GmgBot.Host.Storage;

/// <summary>
/// The production database: PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>, shared by every instance of
/// the bot. With <see cref="StorageOptions.EntraAuthentication"/> the password is a Microsoft Entra access token
/// (Azure Database for PostgreSQL), fetched by Npgsql's periodic password provider before the last one expires.
/// </summary>
public sealed class PostgreSqlDatabase : BotDatabase
{
    /// <summary>The resource of Azure Database for PostgreSQL's Entra tokens.</summary>
    public const string EntraScope = "https://ossrdbms-aad.database.windows.net/.default";

    // Any fixed number, the same in every instance: pg_advisory_lock's key for "the schema is being migrated".
    private const long SchemaLockKey = 0x676D67626F74; // "gmgbot"

    private readonly NpgsqlDataSource _source;

    public PostgreSqlDatabase(IOptions<StorageOptions> options, TokenCredential? credential = null)
    {
        var settings = options.Value;
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString);
        var connection = builder.ConnectionStringBuilder;
        connection.CommandTimeout = (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds);
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }.ContainsKey("Timeout"))
        {
            // Also how long an open waits for a pooled connection: a turn must not queue for Npgsql's default 15 s.
            connection.Timeout = 5;
        }
        connection.ApplicationName ??= "GmgBot";
        // The hot statements (conversation lookups, claims, outcomes) are prepared once per physical connection.
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 32;
        }
        if (settings.EntraAuthentication)
        {
            var tokens = credential ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(settings.ManagedIdentityClientId) ? null : settings.ManagedIdentityClientId,
            });
            // Entra access tokens live 60–90 minutes; a new one is fetched well before, and retried soon after a failure.
            builder.UsePeriodicPasswordProvider(
                async (_, cancellationToken) => (await tokens.GetTokenAsync(new TokenRequestContext([EntraScope]), cancellationToken)).Token,
                successRefreshInterval: TimeSpan.FromMinutes(30),
                failureRefreshInterval: TimeSpan.FromSeconds(10));
        }
        Description = $"{connection.Host}:{connection.Port}/{connection.Database}";
        _source = builder.Build();
    }

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    public override string Description { get; }

    public override IReadOnlyList<Migration> Migrations => PostgreSqlMigrations.All;

    public override string SkipLocked => "FOR UPDATE SKIP LOCKED";

    public NpgsqlDataSource DataSource => _source;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    public override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var take = connection.Command("SELECT pg_advisory_lock(@key);").With("@key", SchemaLockKey);
        // Another instance may be migrating: wait for it, longer than a statement normally may.
        take.CommandTimeout = 300;
        await take.ExecuteNonQueryAsync(cancellationToken);
        return new AdvisoryLock(connection);
    }

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var release = connection.Command("SELECT pg_advisory_unlock(@key);").With("@key", SchemaLockKey);
            await release.ExecuteNonQueryAsync();
        }
    }
}
