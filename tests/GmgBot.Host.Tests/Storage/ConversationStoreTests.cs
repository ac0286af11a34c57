using GmgBot.Core.Conversation;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Host.Tests.Storage;

/// <summary>The SQLite conversation store against a real database file.</summary>
public sealed class ConversationStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));
    private readonly TestDatabase _database;

    public ConversationStoreTests() => _database = new TestDatabase(_time, Path.Combine("nested", "gmgbot.db"));

    private string DatabasePath => _database.Database.FilePath;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task<SqliteConversationStore> OpenStoreAsync() => new(await _database.MigrateAsync(), _time);

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

    [Fact]
    public async Task A_recorded_conversation_survives_reopening_the_database_file()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = await OpenStoreAsync();
        var stored = await reopened.FindAsync("a:chat-29:ana", CancellationToken.None);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(Personal(), stored!.Snapshot);
        Assert.True(stored.IsInstalled);
        Assert.Equal(_time.GetUtcNow(), stored.FirstSeenAt);
        Assert.Equal(_time.GetUtcNow(), stored.InstalledAt);
    }

    [Fact]
    public async Task Later_activities_update_the_reference_but_keep_what_they_lack()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1));
        await store.RecordAsync(Personal() with { ServiceUrl = "https://smba.trafficmanager.net/amer/", UserName = null, Locale = null }, userInteracted: true, CancellationToken.None);

        var stored = (await store.FindAsync("a:chat-29:ana", CancellationToken.None))!;
        Assert.Equal("https://smba.trafficmanager.net/amer/", stored.Snapshot.ServiceUrl);
        Assert.Equal(("Ana", "en-GB"), (stored.Snapshot.UserName, stored.Snapshot.Locale));
        Assert.Equal(_time.GetUtcNow().AddHours(-1), stored.FirstSeenAt);
        Assert.Equal(_time.GetUtcNow(), stored.LastSeenAt);
    }

    [Fact]
    public async Task Install_and_uninstall_report_only_real_changes()
    {
        var store = await OpenStoreAsync();
        var snapshot = Personal();
        await store.RecordAsync(snapshot, userInteracted: false, CancellationToken.None);

        Assert.True(await store.SetInstalledAsync(snapshot, installed: true, CancellationToken.None));
        Assert.False(await store.SetInstalledAsync(snapshot, installed: true, CancellationToken.None));
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await store.SetInstalledAsync(snapshot, installed: false, CancellationToken.None));
        Assert.False(await store.SetInstalledAsync(snapshot, installed: false, CancellationToken.None));

        var stored = (await store.FindAsync(snapshot.ConversationId, CancellationToken.None))!;
        Assert.False(stored.IsInstalled);
        Assert.Equal(_time.GetUtcNow(), stored.UninstalledAt);
    }

    [Fact]
    public async Task Concurrent_install_events_change_the_state_exactly_once()
    {
        var store = await OpenStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.SetInstalledAsync(Personal(), installed: true, CancellationToken.None)));

        Assert.Equal(1, results.Count(changed => changed));
    }

    [Fact]
    public async Task Installed_conversations_are_listed_by_type()
    {
        var store = await OpenStoreAsync();
        await store.SetInstalledAsync(Personal("29:ana"), installed: true, CancellationToken.None);
        await store.SetInstalledAsync(Personal("29:ben"), installed: true, CancellationToken.None);
        await store.SetInstalledAsync(Personal("29:ben"), installed: false, CancellationToken.None);
        await store.SetInstalledAsync(Personal("29:cai") with { ConversationId = "19:general@thread.tacv2", ConversationType = ConversationTypes.Channel }, installed: true, CancellationToken.None);

        var personal = await store.ListInstalledAsync(ConversationTypes.Personal, CancellationToken.None);
        var all = await store.ListInstalledAsync(null, CancellationToken.None);

        Assert.Equal(["a:chat-29:ana"], personal.Select(c => c.Snapshot.ConversationId));
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task Applying_the_schema_twice_is_harmless()
    {
        await OpenStoreAsync();
        var store = await OpenStoreAsync();

        await store.RecordAsync(Personal(), userInteracted: true, CancellationToken.None);
        Assert.NotNull(await store.FindAsync("a:chat-29:ana", CancellationToken.None));
    }

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
public sealed class ConversationReferenceFlowTests : IAsyncLifetime
{
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_inbound_activity_is_stored_and_the_reference_reaches_the_user_proactively()
    {
        await _host.PostAsync(_host.LoadActivity("personal-message"));

        var store = _host.Services.GetRequiredService<IConversationStore>();
        var stored = (await store.FindAsync("a:1PersonalChatWithAnaDelegate", CancellationToken.None))!;
        Assert.Equal(
            ("29:1aYhYyVZqnT-personal-user", "6b3c0b3e-1111-4d3f-9a41-000000000001", "72f988bf-0000-0000-0000-0000000000aa", _host.ServiceUrl, "28:00000000-0000-0000-0000-00000000b07a", "personal"),
            (stored.Snapshot.UserId, stored.Snapshot.UserAadObjectId, stored.Snapshot.TenantId, stored.Snapshot.ServiceUrl, stored.Snapshot.BotId, stored.Snapshot.ConversationType));
        Assert.True(stored.IsInstalled);
        Assert.True(File.Exists(_host.DatabasePath));

        var adapter = _host.Services.GetRequiredService<CloudAdapter>();
        await adapter.ContinueConversationAsync(stored.Reference, (turn, ct) => turn.SendActivityAsync("Session 3 starts in 10 minutes", ct), CancellationToken.None);

        var (request, activity) = _host.SentActivities()[^1];
        Assert.Equal("/v3/conversations/a%3A1PersonalChatWithAnaDelegate/activities", request.Path);
        Assert.Equal(("Session 3 starts in 10 minutes", "29:1aYhYyVZqnT-personal-user"), (activity.Text, activity.Recipient!.Id));
    }

    [Fact]
    public async Task Uninstalling_is_recorded()
    {
        await _host.PostAsync(_host.LoadActivity("installation-update-add"));
        await _host.PostAsync(_host.LoadActivity("installation-update-remove"));

        var stored = await _host.Services.GetRequiredService<IConversationStore>().FindAsync("a:1PersonalChatWithAnaDelegate", CancellationToken.None);
        Assert.False(stored!.IsInstalled);
        Assert.NotNull(stored.UninstalledAt);
    }
}
