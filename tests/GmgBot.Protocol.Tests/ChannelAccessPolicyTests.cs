using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Options;

namespace GmgBot.Protocol.Tests;

public sealed class ChannelAccessPolicyTests
{
    private static ChannelAccessPolicy Policy(string? appId = null, string? tenantId = null, string[]? tenants = null, string[]? serviceUrls = null, bool network = false) =>
        new(Options.Create(new BotFrameworkOptions { MicrosoftAppId = appId, MicrosoftAppTenantId = tenantId }),
            Options.Create(new BotAccessOptions { AllowedTenantIds = [.. tenants ?? []], AllowedServiceUrls = [.. serviceUrls ?? []], AllowAnonymousNetworkAccess = network }));

    private static Activity OfTenant(string? tenant) => new() { Conversation = new ConversationAccount { Id = "a:1", TenantId = tenant } };

    public static TheoryData<string, string?, string[], bool> ServiceUrls => new()
    {
        // service URL, app id (null: authentication off), allowed prefixes, allowed?
        { "http://127.0.0.1:56150/_connector/", null, [], true },
        { "http://localhost:3979/", null, [], true },
        { "http://[::1]:3979/", null, [], true },
        { "https://smba.trafficmanager.net/emea/", null, [], false },
        { "http://192.168.1.20:56150/_connector/", null, [], false },
        { "http://192.168.1.20:56150/_connector/v3/conversations", null, ["http://192.168.1.20:56150/_connector"], true },
        { "http://192.168.1.20:56150/other/", null, ["http://192.168.1.20:56150/_connector/"], false },
        { "http://192.168.1.20:9999/_connector/", null, ["http://192.168.1.20:56150/_connector/"], false },
        { "https://smba.trafficmanager.net/emea/", "app", [], true },
        { "http://smba.trafficmanager.net/emea/", "app", [], false },
        { "https://attacker.example/", "app", ["https://smba.trafficmanager.net/"], false },
        { "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities", "app", ["https://smba.trafficmanager.net/"], true },
        { "https://smba.trafficmanager.net.attacker.example/", "app", ["https://smba.trafficmanager.net/"], false },
    };

    [Theory]
    [MemberData(nameof(ServiceUrls))]
    public void Service_urls_the_bot_may_call(string serviceUrl, string? appId, string[] prefixes, bool allowed)
    {
        Assert.Equal(allowed, Policy(appId, tenantId: "t", serviceUrls: prefixes).IsAllowedServiceUrl(new Uri(serviceUrl)));
    }

    [Fact]
    public void The_tenant_defaults_to_the_bots_own_and_a_list_replaces_it()
    {
        var single = Policy("app", tenantId: "72F988BF-0000-0000-0000-0000000000AA");
        Assert.True(single.IsAllowedTenant(OfTenant("72f988bf-0000-0000-0000-0000000000aa")));
        Assert.False(single.IsAllowedTenant(OfTenant("11111111-0000-0000-0000-000000000000")));
        Assert.False(single.IsAllowedTenant(OfTenant(null)));

        var listed = Policy("app", tenantId: "t-own", tenants: ["t-a", "t-b"]);
        Assert.True(listed.IsAllowedTenant(OfTenant("t-b")));
        Assert.False(listed.IsAllowedTenant(OfTenant("t-own")));
    }

    [Fact]
    public void Without_authentication_and_without_a_tenant_any_tenant_is_served()
    {
        Assert.True(Policy().IsAllowedTenant(OfTenant("00000000-0000-0000-0000-0000000000001")));
        Assert.True(Policy().IsAllowedTenant(OfTenant(null)));
        Assert.False(Policy(tenants: ["t-a"]).IsAllowedTenant(OfTenant("t-b")));
    }

    [Theory]
    [InlineData(null, false, true)]
    [InlineData(null, true, false)]
    [InlineData("app", false, false)]
    public void Unauthenticated_senders_are_believed_only_in_local_development(string? appId, bool network, bool believed)
    {
        Assert.Equal(believed, Policy(appId, tenantId: "t", network: network).TrustsUnauthenticatedUsers);
    }

    [Theory]
    [InlineData("msteams", true)]
    [InlineData("webchat", false)]
    [InlineData("directline", false)]
    [InlineData("emulator", false)]
    [InlineData("MSTEAMS", false)]
    [InlineData(null, false)]
    public void Only_teams_is_served(string? channelId, bool allowed)
    {
        Assert.Equal(allowed, ChannelAccessPolicy.IsAllowedChannel(channelId));
    }

    [Fact]
    public void The_settings_are_checked_at_start_naming_the_setting()
    {
        static string? Failure(BotFrameworkOptions identity, BotAccessOptions access) =>
            new BotAccessOptionsValidator(Options.Create(identity)).Validate(null, access).FailureMessage;

        Assert.Contains("Security:AllowedTenantIds is required", Failure(new() { MicrosoftAppId = "app" }, new()), StringComparison.Ordinal);
        Assert.Null(Failure(new() { MicrosoftAppId = "app", MicrosoftAppTenantId = "t" }, new()));
        Assert.Null(Failure(new() { MicrosoftAppId = "app" }, new() { AllowedTenantIds = ["t"] }));
        Assert.Null(Failure(new(), new()));
        Assert.Contains("Security:AllowedServiceUrls:0", Failure(new(), new() { AllowedServiceUrls = ["smba.trafficmanager.net"] }), StringComparison.Ordinal);
        Assert.Contains("Security:AllowedTenantIds:1", Failure(new(), new() { AllowedTenantIds = ["t", " "] }), StringComparison.Ordinal);
    }
}
