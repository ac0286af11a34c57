using GmgBot.Host.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npgsql;

namespace GmgBot.Host.Tests.Support;

/// <summary>
/// A real, empty database of either provider for one test: a SQLite file in a folder of its own, or a schema of its
/// own on the PostgreSQL server named by <see cref="PostgresVariable"/> (tests on PostgreSQL are skipped, saying so,
/// when it is not set). <see cref="MigrateAsync"/> applies the provider's schema; disposing removes it all.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The connection string of a PostgreSQL server the tests may create schemas on.</summary>
    public const string PostgresVariable = "GMGBOT_TEST_POSTGRES";

    public const string NoPostgres =
        $"No PostgreSQL server for the tests: start one with `eval \"$(bash tests/support/postgres.sh start)\"`, which sets {PostgresVariable} (.ci/run does).";

    private readonly string? _schema;

    private TestDatabase(StorageProvider provider, TimeProvider time, StorageOptions options, string folder, string? schema)
    {
        Provider = provider;
        Time = time;
        Options = options;
        Folder = folder;
        _schema = schema;
        Database = provider == StorageProvider.PostgreSql
            ? new PostgreSqlDatabase(Microsoft.Extensions.Options.Options.Create(options))
            : new SqliteDatabase(Microsoft.Extensions.Options.Options.Create(options), Mock.Of<IHostEnvironment>(e => e.ContentRootPath == folder));
    }

    /// <summary>Both providers, for <c>[SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]</c>.</summary>
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public StorageProvider Provider { get; }
    public TimeProvider Time { get; }
    public string Folder { get; }
    public BotDatabase Database { get; }

    /// <summary>The settings that reach this database (for a host started on it).</summary>
    public StorageOptions Options { get; }

    /// <summary>The settings of <see cref="Options"/> as configuration keys.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Options.Provider.ToString(),
        ["Storage:ConnectionString"] = Options.ConnectionString,
        ["Storage:DatabasePath"] = Options.DatabasePath,
        ["Storage:CommandTimeout"] = Options.CommandTimeout.ToString(),
        ["Storage:MaxSizeMegabytes"] = Options.MaxSizeMegabytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A new database; on PostgreSQL, skips the calling test (Xunit.SkippableFact) when no server is configured.</summary>
    public static async Task<TestDatabase> CreateAsync(StorageProvider provider, TimeProvider time, string fileName = "gmgbot.db", Action<StorageOptions>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gmgbot-db-" + Guid.NewGuid().ToString("N"));
        var options = new StorageOptions { Provider = provider, DatabasePath = Path.Combine(folder, fileName) };
        string? schema = null;
        if (provider == StorageProvider.PostgreSql)
        {
            Skip.If(PostgresConnectionString is null, NoPostgres);
            schema = "t_" + Guid.NewGuid().ToString("N");
            await AdminAsync($"CREATE SCHEMA {schema};");
            // The bot gives up connecting after 5 s; a CI machine running everything at once can take longer than that.
            options.ConnectionString = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema, Timeout = 30 }.ToString();
        }
        configure?.Invoke(options);
        return new TestDatabase(provider, time, options, folder, schema);
    }

    public async Task<BotDatabase> MigrateAsync()
    {
        await new SchemaInitializer(Database, Time, NullLogger<SchemaInitializer>.Instance).StartAsync(CancellationToken.None);
        return Database;
    }

    /// <summary>
    /// Another process holding the database's write lock until disposed, as a long migration or a stuck writer would:
    /// SQLite's one write lock (BEGIN IMMEDIATE), or PostgreSQL's table locks that keep writers out and let readers in.
    /// </summary>
    public async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = Provider == StorageProvider.PostgreSql
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(Options.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Options.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Provider == StorageProvider.PostgreSql
                ? "LOCK TABLE conversations, delivery_outbox, delivery_reminders, delivery_broadcasts, delivery_settings, health_probes IN EXCLUSIVE MODE;"
                : "INSERT INTO delivery_settings (key, value, changed_at) VALUES ('held', 'by a test', 0) ON CONFLICT (key) DO NOTHING;";
            await command.ExecuteNonQueryAsync();
        }
        return new HeldLock(connection, transaction);
    }

    private sealed class HeldLock(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>The first column of what <paramref name="sql"/> returns, as text, read without the stores.</summary>
    public Task<List<string>> QueryStringsAsync(string sql) =>
        Database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                values.Add(reader.GetString(0));
            }
            return values;
        }, CancellationToken.None);

    /// <summary>Runs SQL as the server's administrator (PostgreSQL only): roles, schemas.</summary>
    public static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (_schema is not null)
        {
            await AdminAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
        }
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
