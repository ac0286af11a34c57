using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Host.Tests.Storage;

/// <summary>
/// Every other durable thing, on a real database of each provider: reminders, broadcasts and the organizers'
/// settings, Outlook events, feed tokens, session versions, and PostgreSQL's shared send budget.
/// (Conversations: <see cref="ConversationStoreTests"/>; the outbox: Delivery/OutboxTests.)
/// </summary>
public sealed class StoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));

    private static Recipient To(string user) => new()
    {
        ConversationId = $"a:personal-{user}", ConversationType = "personal", ServiceUrl = "https://smba.example/", BotId = "28:bot", TenantId = "t1",
        UserId = $"29:{user}", UserName = user, TimeZone = "Europe/London",
    };

    private async Task<TestDatabase> OpenAsync(StorageProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, _time);
        await database.MigrateAsync();
        return database;
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reminders_are_one_per_user_and_session_and_setting_again_changes_the_lead(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var store = new ReminderStore(database.Database, _time);

        var first = await store.SetAsync("29:ana", "d1-recap", 15, To("ana"), CancellationToken.None);
        var again = await store.SetAsync("29:ana", "d1-recap", 5, To("ana"), CancellationToken.None);
        await store.SetAsync("29:ben", "d1-recap", 10, To("ben"), CancellationToken.None);

        Assert.Equal((first.Id, 5, To("ana")), (again.Id, again.LeadMinutes, again.Recipient));
        Assert.Equal(_time.GetUtcNow(), (await store.FindAsync(first.Id, CancellationToken.None))!.CreatedAt);
        Assert.Equal(["29:ana", "29:ben"], (await store.OfSessionAsync("d1-recap", CancellationToken.None)).Select(r => r.UserId));
        Assert.False(await store.DeleteAsync(first.Id, "29:ben", CancellationToken.None));
        Assert.True(await store.DeleteAsync(first.Id, "29:ana", CancellationToken.None));
        Assert.Empty(await store.OfUserAsync("29:ana", CancellationToken.None));
        Assert.Single(await store.AllAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_broadcast_is_stored_once_with_its_first_rows_and_the_organizers_settings_persist(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var signal = new DeliverySignal();
        var store = new BroadcastStore(database.Database, signal, _time);
        var outbox = new Outbox(database.Database, signal, _time);
        var broadcast = new Broadcast("b1", new DaySchedule(2), new InstalledUsers(), _time.GetUtcNow(), "aad-olu", "Olu", To("olu"), _time.GetUtcNow());
        OutboxMessage[] rows = [new() { JobKey = JobKeys.Broadcast("b1"), Kind = OutboxKind.FanOut, Audience = new InstalledUsers(), Content = new DaySchedule(2), DueAt = _time.GetUtcNow(), BroadcastId = "b1" }];

        Assert.True(await store.AddAsync(broadcast, rows, CancellationToken.None));
        Assert.False(await store.AddAsync(broadcast with { CreatedByName = "twice" }, rows, CancellationToken.None));

        Assert.Equal(broadcast, await store.FindAsync("b1", CancellationToken.None));
        Assert.Null(await store.FindAsync("b2", CancellationToken.None));
        Assert.Single(await outbox.ClaimAsync("a", 10, TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.Equal(AutoReminderSettings.Off, await store.GetAutoRemindersAsync(CancellationToken.None));
        var on = new AutoReminderSettings(true, 10, new InstalledUsers(), "aad-olu", _time.GetUtcNow());
        await store.SetAutoRemindersAsync(on, CancellationToken.None);
        Assert.Equal(on, await store.GetAutoRemindersAsync(CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outlook_events_are_kept_per_mailbox_and_session(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var store = new GraphEventStore(database.Database, _time);

        await store.SaveAsync(new GraphEventRecord("Ana@Example.org", "d1-recap", "event-1", 1, IsOrganizer: false), CancellationToken.None);
        await store.SaveAsync(new GraphEventRecord("ana@example.org ", "d1-recap", "event-1", 2, IsOrganizer: false), CancellationToken.None);
        await store.SaveAsync(new GraphEventRecord("agenda@example.org", "d1-recap", "event-9", 1, IsOrganizer: true), CancellationToken.None);

        Assert.Equal(new GraphEventRecord("ana@example.org", "d1-recap", "event-1", 2, false), await store.FindAsync("ANA@example.org", "d1-recap", CancellationToken.None));
        Assert.Equal(2, (await store.ListAsync(CancellationToken.None)).Count);
        await store.DeleteAsync("ana@example.org", "d1-recap", CancellationToken.None);
        Assert.Equal([true], (await store.ListAsync(CancellationToken.None)).Select(e => e.IsOrganizer));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Feed_tokens_are_stored_hashed_and_the_oldest_beyond_five_is_retired(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var store = new FeedTokenStore(database.Database, _time);

        var tokens = new List<string>();
        for (var i = 0; i < FeedTokenStore.MaxActivePerUser + 1; i++)
        {
            tokens.Add(await store.IssueAsync("29:ana", CancellationToken.None));
        }

        Assert.Null(await store.FindUserAsync(tokens[0], CancellationToken.None));
        foreach (var token in tokens.Skip(1))
        {
            Assert.Equal("29:ana", await store.FindUserAsync(token, CancellationToken.None));
        }
        Assert.Equal(FeedTokenStore.MaxActivePerUser, await store.RevokeAllAsync("29:ana", CancellationToken.None));
        Assert.Null(await store.FindUserAsync(tokens[^1], CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Session_versions_are_replaced_whole_even_by_instances_saving_together(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var store = new SessionVersionStore(database.Database);
        var start = new DateTimeOffset(2026, 3, 12, 12, 0, 0, TimeSpan.Zero);
        SessionVersion[] first = [new("d1-open", "Opening", start, start.AddHours(1), "Hall A", 1), new("d1-recap", "Recap", start.AddHours(2), start.AddHours(3), null, 1)];
        SessionVersion[] second = [first[0] with { Room = "Hall B", Sequence = 2 }];

        await store.SaveAsync(first, CancellationToken.None);
        await Task.WhenAll(store.SaveAsync(second, CancellationToken.None), store.SaveAsync(second, CancellationToken.None));

        Assert.Equal(second, (await store.LoadAsync(CancellationToken.None)).Values);
    }

    [SkippableFact]
    public async Task PostgreSQL_hands_out_a_tenants_send_slots_one_spacing_apart_to_every_instance()
    {
        await using var database = await OpenAsync(StorageProvider.PostgreSql);
        // Two instances, each with its own connection pool, on one budget.
        await using var other = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, _time, configure: o => o.ConnectionString = database.Options.ConnectionString);
        var spacing = TimeSpan.FromMilliseconds(100);
        ITenantRateBudget[] instances = [new PostgreSqlRateBudget(database.Database), new PostgreSqlRateBudget(other.Database)];
        // As a sending instance does (a reservation per send), each learns the offset of its clock from the server's.
        foreach (var instance in instances)
        {
            for (var i = 0; i < 5; i++)
            {
                await instance.ReserveAsync("warm-up", TimeSpan.FromMilliseconds(1), CancellationToken.None);
            }
        }
        var before = await ServerMicrosecondsAsync(database);

        var slots = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => instances[i % 2].ReserveAsync("t1", spacing, CancellationToken.None)));
        var elsewhere = await instances[0].ReserveAsync("t2", spacing, CancellationToken.None);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();

        // One sequence for both: 20 slots, one spacing apart from the first, so the next free slot is 20 spacings on
        // (two budgets of their own would stand at about 10 each). Each instance waits for its slot, none sends now twice.
        var next = await database.Database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT next_slot_us FROM delivery_rate_budget WHERE tenant_key = 't1';");
            return (long)(await command.ExecuteScalarAsync(token))!;
        }, CancellationToken.None);
        Assert.InRange(TimeSpan.FromMicroseconds(next - before), 20 * spacing, 20 * spacing + TimeSpan.FromSeconds(1));
        // Seen on this process's clock, the slots of both instances are one sequence a spacing apart (each instance's
        // clock offset is off by at most half its fastest round trip).
        var sorted = slots.Order().ToList();
        Assert.All(sorted.Zip(sorted.Skip(1)), pair =>
            Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(pair.First, pair.Second), spacing * 0.8, spacing * 1.2));
        // Another tenant's first slot is now, not after t1's.
        Assert.InRange(System.Diagnostics.Stopwatch.GetElapsedTime(elsewhere, now), TimeSpan.FromMilliseconds(-20), TimeSpan.FromSeconds(1));
    }

    private static Task<long> ServerMicrosecondsAsync(TestDatabase database) =>
        database.Database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.Command("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;");
            return (long)(await command.ExecuteScalarAsync(token))!;
        }, CancellationToken.None);
}
