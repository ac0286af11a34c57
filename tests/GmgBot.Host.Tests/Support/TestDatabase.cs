using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace GmgBot.Host.Tests.Support;

/// <summary>A real SQLite database file in a folder of its own, deleted with it; <see cref="MigrateAsync"/> applies the schema.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase(TimeProvider time, string fileName = "gmgbot.db")
    {
        Time = time;
        Folder = Path.Combine(Path.GetTempPath(), "gmgbot-db-" + Guid.NewGuid().ToString("N"));
        Database = new SqliteDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(Folder, fileName) }),
            Mock.Of<IHostEnvironment>(e => e.ContentRootPath == Folder));
    }

    public string Folder { get; }
    public SqliteDatabase Database { get; }
    public TimeProvider Time { get; }

    public async Task<SqliteDatabase> MigrateAsync()
    {
        await new SqliteSchemaInitializer(Database, Time, NullLogger<SqliteSchemaInitializer>.Instance).StartAsync(CancellationToken.None);
        return Database;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
