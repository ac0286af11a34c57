using GmgBot.Host.Tests.Support;
using System.Globalization;
using GmgBot.Host.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Host.Tests.Storage;

/// <summary>Each provider's one ordered migration list, applied to a real database: fresh, again, together, and over a database of an earlier release.</summary>
public sealed class SchemaTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Lists => ["Sqlite", "PostgreSql"];

    private static IReadOnlyList<Migration> List(string provider) => provider == "Sqlite" ? SqliteMigrations.All : PostgreSqlMigrations.All;

    private static Task<List<string>> AppliedAsync(TestDatabase database) => database.QueryStringsAsync("SELECT id FROM schema_migrations ORDER BY id;");

    private static Task<List<string>> TablesAsync(TestDatabase database) => database.QueryStringsAsync(database.Provider == StorageProvider.Sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name COLLATE BINARY;"
        : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name COLLATE \"C\";");

    [Theory]
    [MemberData(nameof(Lists))]
    public void Migration_ids_are_unique_and_numbered_in_order_from_0001(string provider)
    {
        var all = List(provider);
        var numbers = all.Select(m => int.Parse(m.Id[..4], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(Enumerable.Range(1, all.Count), numbers);
        Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public void The_two_lists_build_the_same_tables_step_for_step()
    {
        // The stores' SQL is shared, so a step of one list has its twin, of the same name and place, in the other; only
        // the shared rate budget is PostgreSQL's alone (SQLite serves one instance, which paces itself in memory), so
        // the numbers after it differ by one.
        var postgresOnly = new[] { "delivery-rate-budget" };

        Assert.Equal(SqliteMigrations.All.Select(m => Name(m.Id)), PostgreSqlMigrations.All.Select(m => Name(m.Id)).Except(postgresOnly));

        static string Name(string id) => id[(id.IndexOf('-', StringComparison.Ordinal) + 1)..];
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_fresh_database_gets_every_step_once_and_a_second_start_changes_nothing(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, _time);
        await database.MigrateAsync();
        await database.MigrateAsync();

        Assert.Equal(database.Database.Migrations.Select(m => m.Id).Order(StringComparer.Ordinal), await AppliedAsync(database));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Both_providers_have_the_same_tables(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, _time);
        await database.MigrateAsync();

        string[] expected = ["calendar_feed_tokens", "calendar_graph_events", "conversations", "delivery_broadcasts", "delivery_outbox",
            "delivery_reminders", "delivery_report_leases", "delivery_settings", "health_probes", "schema_migrations", "session_versions",
            .. provider == StorageProvider.PostgreSql ? ["delivery_rate_budget"] : Array.Empty<string>()];
        Assert.Equal(expected.Order(StringComparer.Ordinal), await TablesAsync(database));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Instances_starting_together_apply_each_step_once(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, _time);
        await using var second = await TestDatabase.CreateAsync(provider, _time,
            configure: o => (o.ConnectionString, o.DatabasePath) = (database.Options.ConnectionString, database.Options.DatabasePath));

        await Task.WhenAll(Task.Run(database.MigrateAsync), Task.Run(second.MigrateAsync), Task.Run(database.MigrateAsync));

        Assert.Equal(database.Database.Migrations.Select(m => m.Id).Order(StringComparer.Ordinal), await AppliedAsync(database));
    }

    [Fact]
    public async Task A_database_that_ran_a_step_under_its_former_id_does_not_run_it_again()
    {
        // An earlier release applied the calendar tables as "0003-…" and "0004-…"; running them again would fail (CREATE TABLE).
        var renumbered = SqliteMigrations.All.Where(m => m.FormerId is not null).ToList();
        Assert.NotEmpty(renumbered);
        await using var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite, _time);
        await database.Database.PrepareAsync(CancellationToken.None);
        await database.Database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL);"
                + string.Concat(renumbered.Select(m => $"{m.Sql}\nINSERT INTO schema_migrations VALUES ('{m.FormerId}', '2026-01-01');")));
            await command.ExecuteNonQueryAsync(token);
        }, CancellationToken.None);

        await database.MigrateAsync();

        var applied = await AppliedAsync(database);
        Assert.All(renumbered, m => Assert.DoesNotContain(m.Id, applied));
        Assert.All(SqliteMigrations.All.Where(m => m.FormerId is null), m => Assert.Contains(m.Id, applied));
    }
}
