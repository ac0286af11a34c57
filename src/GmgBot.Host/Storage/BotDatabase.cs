using System.Data.Common;
using GmgBot.Core.Conversation;

namespace GmgBot.Host.Storage;

/// <summary>
/// The bot's one database, SQLite or PostgreSQL (<see cref="StorageOptions.Provider"/>). Every store runs its
/// statements through <see cref="RunAsync{T}"/> or <see cref="InTransactionAsync{T}"/>, on a pooled connection, so
/// that the providers' failures reach callers as one <see cref="StorageUnavailableException"/>. The stores' SQL is
/// written once for both: the schemas keep the same tables, columns and representations (times as Unix
/// milliseconds or ISO 8601 text), and the few differences are properties here.
/// </summary>
public abstract class BotDatabase : IAsyncDisposable
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Where the data is, for logs and errors (a file path, or host and database); never a secret.</summary>
    public abstract string Description { get; }

    /// <summary>The provider's ordered schema.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Appended to a claim's SELECT: PostgreSQL skips rows another instance is claiming; SQLite locks the whole database anyway.</summary>
    public abstract string SkipLocked { get; }

    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Before migrations: what the database needs first (SQLite: the folder and WAL mode).</summary>
    public virtual Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Holds the schema lock (several instances starting together migrate once) until disposed.</summary>
    public abstract Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> on an open connection.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            return await work(connection, cancellationToken);
        }
        catch (DbException ex)
        {
            throw Unavailable(ex);
        }
    }

    public Task RunAsync(Func<DbConnection, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(async (connection, token) =>
        {
            await work(connection, token);
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction, committed when it returns.</summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);

    public abstract ValueTask DisposeAsync();

    private StorageUnavailableException Unavailable(DbException ex) =>
        new($"The bot's {Provider} database ({Description}) is unavailable: {ex.Message}", ex);
}
