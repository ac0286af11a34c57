using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Storage;

/// <summary>
/// The bot's one SQLite database (conversation references today; outbox, reminders and more later).
/// Open a connection per unit of work: Microsoft.Data.Sqlite pools them.
/// </summary>
public sealed class SqliteDatabase
{
    public SqliteDatabase(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        FilePath = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            // Seconds a command waits for another writer's lock before it fails.
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
