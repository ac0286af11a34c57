using GmgBot.Host.Features;
using GmgBot.Host.Security;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Tests.Security;

/// <summary>
/// The host's start with each combination of identity and listening address: with no app id it starts only on
/// loopback, or with the trusted-network setting (and a loud warning); otherwise it stops naming the setting. Feed links
/// need Calendar:PublicBaseUrl beyond loopback. Starts that must succeed start the real host; starts that must fail run
/// the host's own start-up validation on its registrations (WebApplicationFactory reports a failed start as a
/// disposed service provider at times). tests/security/listen.test.mjs starts the built host each way too.
/// </summary>
public sealed class StartupChecksTests
{
    private const string Tenant = "72f988bf-0000-0000-0000-0000000000aa";

    private static async Task<LogCapture> StartAsync(Dictionary<string, string?> settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "gmgbot-start-" + Guid.NewGuid().ToString("N"));
        settings["Storage:DatabasePath"] = Path.Combine(folder, "gmgbot.db");
        settings.TryAdd("MicrosoftAppId", string.Empty);
        var logs = new LogCapture();
        await using (var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            builder.ConfigureTestServices(logs.AddTo);
        }))
        {
            _ = factory.Services;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return logs;
    }

    private static Dictionary<string, string?> WithAppId() => new()
    {
        ["MicrosoftAppId"] = FakeChannelIdentity.AppId,
        ["MicrosoftAppPassword"] = "secret",
        ["MicrosoftAppTenantId"] = Tenant,
    };

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("urls", "http://127.0.0.1:3978;http://*:3979")]
    [InlineData("Kestrel:Endpoints:Http:Url", "http://0.0.0.0:5000")]
    [InlineData("http_ports", "8080")]
    public void Without_an_app_id_a_host_listening_beyond_loopback_stops_at_start_naming_the_settings(string key, string address)
    {
        var message = StartupValidation.Failure(new() { [key] = address, ["Calendar:PublicBaseUrl"] = "https://gmgbot.example.org" });

        Assert.NotNull(message);
        Assert.Contains("MicrosoftAppId is empty, so authentication is off", message, StringComparison.Ordinal);
        Assert.Contains($"(from {key}", message, StringComparison.Ordinal);
        Assert.Contains("Security:AllowAnonymousNetworkAccess", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_app_id_the_host_starts_on_loopback_and_says_it_is_local_development()
    {
        var logs = await StartAsync(new() { ["urls"] = "http://127.0.0.1:3978" });

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Information && l.Message.StartsWith("Authentication off (no MicrosoftAppId): local development", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_trusted_network_the_setting_lets_it_start_and_a_warning_says_so()
    {
        var logs = await StartAsync(new()
        {
            ["urls"] = "http://0.0.0.0:8080",
            ["Security:AllowAnonymousNetworkAccess"] = "true",
            ["Calendar:PublicBaseUrl"] = "http://gmgbot.lan:8080",
        });

        var warning = Assert.Single(logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("AUTHENTICATION IS OFF", StringComparison.Ordinal));
        Assert.Contains("http://0.0.0.0:8080", warning.Message, StringComparison.Ordinal);
        Assert.Contains("nobody is an organizer", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_app_id_the_host_may_listen_anywhere()
    {
        var settings = WithAppId();
        settings["urls"] = "http://0.0.0.0:8080";
        settings["Calendar:PublicBaseUrl"] = "https://gmgbot.example.org";

        var logs = await StartAsync(settings);

        Assert.Contains(logs.Lines, l => l.Message.StartsWith($"Authentication on: Teams activities with a valid Bot Connector token, of tenant(s) {Tenant}", StringComparison.Ordinal));
    }

    [Fact]
    public void Beyond_loopback_feed_links_need_the_public_base_url()
    {
        var settings = WithAppId();
        settings["urls"] = "http://0.0.0.0:8080";

        Assert.Contains("Calendar:PublicBaseUrl is required when the host listens beyond loopback (http://0.0.0.0:8080 (from urls", StartupValidation.Failure(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_clock_is_refused_where_authentication_is_on()
    {
        var settings = WithAppId();
        settings["DemoClock:StartsAt"] = "2014-10-16T15:00:00Z";

        Assert.Contains("DemoClock:StartsAt is for local demos only", StartupValidation.Failure(settings), StringComparison.Ordinal);
        Assert.Null(StartupValidation.Failure(new Dictionary<string, string?> { ["DemoClock:StartsAt"] = "2014-10-16T15:00:00Z" }));
    }

    [Theory]
    [InlineData("AgendaTab:ClientId", "not-a-guid", "AgendaTab:ClientId must be a GUID")]
    [InlineData("AgendaTab:OpenIdMetadataUrl", "http://login.example.org/metadata", "AgendaTab:OpenIdMetadataUrl must be an absolute https URL")]
    [InlineData("AgendaTab:Issuers:0", "https://login.microsoftonline.com/common/v2.0", "must contain {tenantid}")]
    public void Wrong_agenda_tab_settings_stop_the_start_naming_the_setting(string key, string value, string message)
    {
        var settings = WithAppId();
        settings[key] = value;

        Assert.Contains(message, StartupValidation.Failure(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_app_id_the_tenants_served_must_be_known()
    {
        var settings = WithAppId();
        settings["MicrosoftAppTenantId"] = string.Empty;

        Assert.Contains("Security:AllowedTenantIds is required", StartupValidation.Failure(settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:11")]
    [InlineData("00:00:30")]
    public void A_turn_may_not_be_allowed_more_than_ten_seconds(string timeout)
    {
        Assert.Contains("TurnTimeout", StartupValidation.Failure(new() { ["BotConnector:TurnTimeout"] = timeout }), StringComparison.Ordinal);
    }
}
