using GmgBot.Core.Conversation;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Host.Tests.Storage;

/// <summary>The conversation store on a real database of each provider.</summary>
public sealed class ConversationStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private ConversationStore _store = null!;

    private async Task<TestDatabase> OpenAsync(StorageProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, _time, Path.Combine("nested", "gmgbot.db"));
        _store = NewStore(await database.MigrateAsync());
        return database;
    }

    private ConversationStore NewStore(BotDatabase database) => new(database, _time, NullLogger<ConversationStore>.Instance);

    private static ConversationSnapshot Personal(string user = "29:ana") => new()
    {
        ConversationId = "a:chat-" + user,
        ConversationType = ConversationTypes.Personal,
        TenantId = "tenant-1",
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = Channels.Msteams,
        BotId = "28:bot",
        BotName = "GmgBot",
        UserId = user,
        UserName = "Ana",
        UserAadObjectId = "aad-" + user,
        Locale = "en-GB",
    };

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_recorded_conversation_survives_reopening_the_database_file(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);

        await database.Database.DisposeAsync();
        await using var again = await TestDatabase.CreateAsync(provider, _time, configure: o => (o.ConnectionString, o.DatabasePath) = (database.Options.ConnectionString, database.Options.DatabasePath));
        var stored = await NewStore(await again.MigrateAsync()).FindAsync("a:chat-29:ana", CancellationToken.None);

        Assert.True(provider != StorageProvider.Sqlite || File.Exists(database.Options.DatabasePath));
        Assert.Equal(Personal(), stored!.Snapshot);
        Assert.True(stored.IsInstalled);
        Assert.Equal(_time.GetUtcNow(), stored.FirstSeenAt);
        Assert.Equal(_time.GetUtcNow(), stored.InstalledAt);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Later_activities_update_the_reference_but_keep_what_they_lack(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1));
        await _store.RecordAsync(Personal() with { ServiceUrl = "https://smba.trafficmanager.net/amer/", UserName = null, Locale = null }, userInteracted: true, CancellationToken.None);

        var stored = (await _store.FindAsync("a:chat-29:ana", CancellationToken.None))!;
        Assert.Equal("https://smba.trafficmanager.net/amer/", stored.Snapshot.ServiceUrl);
        Assert.Equal(("Ana", "en-GB"), (stored.Snapshot.UserName, stored.Snapshot.Locale));
        Assert.Equal(_time.GetUtcNow().AddHours(-1), stored.FirstSeenAt);
        Assert.Equal(_time.GetUtcNow(), stored.LastSeenAt);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Install_and_uninstall_report_only_real_changes(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        var snapshot = Personal();
        await _store.RecordAsync(snapshot, userInteracted: false, CancellationToken.None);

        Assert.True(await _store.SetInstalledAsync(snapshot, installed: true, CancellationToken.None));
        Assert.False(await _store.SetInstalledAsync(snapshot, installed: true, CancellationToken.None));
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await _store.SetInstalledAsync(snapshot, installed: false, CancellationToken.None));
        Assert.False(await _store.SetInstalledAsync(snapshot, installed: false, CancellationToken.None));

        var stored = (await _store.FindAsync(snapshot.ConversationId, CancellationToken.None))!;
        Assert.False(stored.IsInstalled);
        Assert.Equal(_time.GetUtcNow(), stored.UninstalledAt);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_install_events_change_the_state_exactly_once(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _store.SetInstalledAsync(Personal(), installed: true, CancellationToken.None)));

        Assert.Equal(1, results.Count(changed => changed));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Installed_conversations_are_listed_by_type(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await _store.SetInstalledAsync(Personal("29:ana"), installed: true, CancellationToken.None);
        await _store.SetInstalledAsync(Personal("29:ben"), installed: true, CancellationToken.None);
        await _store.SetInstalledAsync(Personal("29:ben"), installed: false, CancellationToken.None);
        await _store.SetInstalledAsync(Personal("29:cai") with { ConversationId = "19:general@thread.tacv2", ConversationType = ConversationTypes.Channel }, installed: true, CancellationToken.None);

        var personal = await _store.ListInstalledAsync(ConversationTypes.Personal, CancellationToken.None);
        var all = await _store.ListInstalledAsync(null, CancellationToken.None);

        Assert.Equal(["a:chat-29:ana"], personal.Select(c => c.Snapshot.ConversationId));
        Assert.Equal(2, all.Count);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Applying_the_schema_twice_is_harmless(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await database.MigrateAsync();

        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        Assert.NotNull(await _store.FindAsync("a:chat-29:ana", CancellationToken.None));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_turn_of_a_known_unchanged_conversation_writes_nothing_and_a_stale_row_is_refreshed_behind(StorageProvider provider)
    {
        await using var database = await OpenAsync(provider);
        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        await SetUserNameAsync(database, "Changed by another instance");

        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        Assert.Equal("Changed by another instance", (await _store.FindAsync("a:chat-29:ana", CancellationToken.None))!.Snapshot.UserName);

        // A write lock held by someone else does not delay a turn that needs no write.
        await using (await database.HoldWriteLockAsync())
        {
            await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None).WaitAsync(TimeSpan.FromMilliseconds(500));
        }

        _time.Advance(ConversationStore.RefreshInterval);
        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await _store.FindAsync("a:chat-29:ana", CancellationToken.None))!.LastSeenAt != _time.GetUtcNow() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        var refreshed = (await _store.FindAsync("a:chat-29:ana", CancellationToken.None))!;
        Assert.Equal(("Ana", _time.GetUtcNow()), (refreshed.Snapshot.UserName, refreshed.LastSeenAt));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_conversation_the_locked_database_refused_fails_fast_is_still_found_for_its_turn_and_is_written_next_time(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, _time, configure: o => o.CommandTimeout = TimeSpan.FromSeconds(1));
        _store = NewStore(await database.MigrateAsync());

        await using (await database.HoldWriteLockAsync())
        {
            var started = DateTime.UtcNow;
            await Assert.ThrowsAsync<StorageUnavailableException>(() => _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None));
            Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(5));

            var found = await _store.FindAsync("a:chat-29:ana", CancellationToken.None);
            Assert.Equal(Personal(), found!.Snapshot);
        }

        await _store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        Assert.True((await NewStore(database.Database).FindAsync("a:chat-29:ana", CancellationToken.None))!.IsInstalled);
    }

    private static Task SetUserNameAsync(TestDatabase database, string name) =>
        database.Database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE conversations SET user_name = '{name}';";
            await command.ExecuteNonQueryAsync(token);
        }, CancellationToken.None);

    [Fact]
    public void A_channel_threads_message_id_is_dropped_from_the_stored_conversation_id()
    {
        var snapshot = ConversationSnapshot.From(new Activity
        {
            Type = ActivityTypes.Message,
            ServiceUrl = "https://smba.example/",
            Recipient = new ChannelAccount("28:bot"),
            Conversation = new ConversationAccount { Id = "19:general@thread.tacv2;messageid=17415", ConversationType = ConversationTypes.Channel },
        });

        Assert.Equal("19:general@thread.tacv2", snapshot!.ConversationId);
    }
}

/// <summary>What the running host stores, and that a stored reference is enough for a proactive message.</summary>
public sealed class ConversationReferenceFlowTests
{
    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_inbound_activity_is_stored_and_the_reference_reaches_the_user_proactively(StorageProvider provider)
    {
        await using var host = await BotHost.StartAsync(provider: provider);
        await host.PostAsync(host.LoadActivity("personal-message"));

        var store = host.Services.GetRequiredService<IConversationStore>();
        var stored = (await store.FindAsync("a:1PersonalChatWithAnaDelegate", CancellationToken.None))!;
        Assert.Equal(
            ("29:1aYhYyVZqnT-personal-user", "6b3c0b3e-1111-4d3f-9a41-000000000001", "72f988bf-0000-0000-0000-0000000000aa", host.ServiceUrl, "28:00000000-0000-0000-0000-00000000b07a", "personal"),
            (stored.Snapshot.UserId, stored.Snapshot.UserAadObjectId, stored.Snapshot.TenantId, stored.Snapshot.ServiceUrl, stored.Snapshot.BotId, stored.Snapshot.ConversationType));
        Assert.True(stored.IsInstalled);

        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        await adapter.ContinueConversationAsync(stored.Reference, (turn, ct) => turn.SendActivityAsync("Session 3 starts in 10 minutes", ct), CancellationToken.None);

        var (request, activity) = host.SentActivities()[^1];
        Assert.Equal("/v3/conversations/a%3A1PersonalChatWithAnaDelegate/activities", request.Path);
        Assert.Equal(("Session 3 starts in 10 minutes", "29:1aYhYyVZqnT-personal-user"), (activity.Text, activity.Recipient!.Id));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Uninstalling_is_recorded(StorageProvider provider)
    {
        await using var host = await BotHost.StartAsync(provider: provider);
        await host.PostAsync(host.LoadActivity("installation-update-add"));
        await host.PostAsync(host.LoadActivity("installation-update-remove"));

        var stored = await host.Services.GetRequiredService<IConversationStore>().FindAsync("a:1PersonalChatWithAnaDelegate", CancellationToken.None);
        Assert.False(stored!.IsInstalled);
        Assert.NotNull(stored.UninstalledAt);
    }
}
