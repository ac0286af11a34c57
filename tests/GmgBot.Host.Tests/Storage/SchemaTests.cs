using GmgBot.Host.Tests.Support;
using System.Globalization;
using GmgBot.Host.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Host.Tests.Storage;

/// <summary>The one ordered migration list, applied to a real SQLite file: fresh, again, and over a database of an earlier release.</summary>
public sealed class SchemaTests : IDisposable
{
    private readonly TestDatabase _test = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero)));

    private SqliteDatabase Database => _test.Database;

    public void Dispose() => _test.Dispose();

    private Task MigrateAsync() => _test.MigrateAsync();

    private async Task<List<string>> AppliedAsync()
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM schema_migrations ORDER BY id;";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    [Fact]
    public void Migration_ids_are_unique_and_numbered_in_order_from_0001()
    {
        var numbers = SqliteMigrations.All.Select(m => int.Parse(m.Id[..4], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(1, SqliteMigrations.All.Count), numbers);
        Assert.Equal(SqliteMigrations.All.Count, SqliteMigrations.All.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_fresh_database_gets_every_step_once_and_a_second_start_changes_nothing()
    {
        await MigrateAsync();
        await MigrateAsync();

        Assert.Equal(SqliteMigrations.All.Select(m => m.Id).Order(StringComparer.Ordinal), await AppliedAsync());
    }

    [Fact]
    public async Task A_database_that_ran_a_step_under_its_former_id_does_not_run_it_again()
    {
        // An earlier release applied the calendar tables as "0003-…" and "0004-…"; running them again would fail (CREATE TABLE).
        var renumbered = SqliteMigrations.All.Where(m => m.FormerId is not null).ToList();
        Assert.NotEmpty(renumbered);
        Directory.CreateDirectory(_test.Folder);
        await using (var connection = await Database.OpenConnectionAsync(CancellationToken.None))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
                + string.Concat(renumbered.Select(m => $"{m.Sql}\nINSERT INTO schema_migrations VALUES ('{m.FormerId}', '2026-01-01');"));
            await command.ExecuteNonQueryAsync();
        }

        await MigrateAsync();

        var applied = await AppliedAsync();
        Assert.All(renumbered, m => Assert.DoesNotContain(m.Id, applied));
        Assert.All(SqliteMigrations.All.Where(m => m.FormerId is null), m => Assert.Contains(m.Id, applied));
    }
}
