using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Storage;

/// <summary>
/// The embedded database: one SQLite file in WAL mode, for one instance on one machine (WAL needs shared memory on
/// one host; it does not work over a network share). Connections are pooled by Microsoft.Data.Sqlite.
/// </summary>
public sealed class SqliteDatabase : BotDatabase
{
    private readonly string? _limitPages;

    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        var settings = options.Value;
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            builder.DataSource = settings.DatabasePath;
        }
        builder.DataSource = Path.GetFullPath(builder.DataSource, environment.ContentRootPath);
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.Pooling = true;
        // How long a statement waits for another writer's lock (SQLite's busy timeout).
        builder.DefaultTimeout = (int)Math.Ceiling(settings.CommandTimeout.TotalSeconds);
        FilePath = builder.DataSource;
        ConnectionString = builder.ToString();
        if (settings.MaxSizeMegabytes is { } megabytes)
        {
            // Pages are 4 KiB unless the file says otherwise; max_page_count is per connection, so it is set on each open.
            _limitPages = $"PRAGMA max_page_count = {(long)megabytes * 256};";
        }
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string Description => FilePath;

    public override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    public override string SkipLocked => "";

    public string FilePath { get; }

    public string ConnectionString { get; }

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (_limitPages is not null)
            {
                await using var limit = connection.Command(_limitPages);
                await limit.ExecuteNonQueryAsync(cancellationToken);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        // WAL lets readers go on while one writer writes; it is a property of the file, so set once here.
        await using var command = connection.Command("PRAGMA journal_mode = WAL;");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Each step runs in a BEGIN IMMEDIATE transaction that first checks whether it was applied: SQLite's write
        // lock already makes two processes starting on one file apply it once.
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
        return ValueTask.CompletedTask;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
