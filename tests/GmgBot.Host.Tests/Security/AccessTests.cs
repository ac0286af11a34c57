using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Conversation;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Security;

/// <summary>
/// Who reaches the bot, through the real host: Teams only, the allowed tenants only (politely, with nothing stored),
/// replies only to a service URL the bot may call, and organizer rights only for senders someone vouches for.
/// </summary>
public sealed class AccessTests
{
    private const string Ana = "6b3c0b3e-1111-4d3f-9a41-000000000001";
    private const string PersonalChat = "a:1PersonalChatWithAnaDelegate";

    private static Task<StoredConversation?> StoredAsync(BotHost host, string conversationId = PersonalChat) =>
        host.Services.GetRequiredService<IConversationStore>().FindAsync(conversationId, CancellationToken.None);

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData("slack")]
    public async Task Activities_from_other_channels_than_teams_get_403_and_nothing_is_stored_or_sent(string channelId)
    {
        await using var host = await BotHost.StartAsync();
        var activity = host.LoadActivity("personal-message");
        activity["channelId"] = channelId;

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await StoredAsync(host));
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task A_valid_token_for_web_chat_does_not_open_the_bot_to_web_chat()
    {
        await using var channel = await FakeChannelIdentity.StartAsync();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = FakeChannelIdentity.AppId,
            ["MicrosoftAppPassword"] = "not-used",
            ["MicrosoftAppTenantId"] = "72f988bf-0000-0000-0000-0000000000aa",
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        });
        var activity = host.LoadActivity("personal-message");
        activity["channelId"] = "webchat";
        activity["deliveryMode"] = "expectReplies";
        var token = channel.CreateToken(new TokenSpec { ServiceUrl = host.ServiceUrl, KeyId = FakeChannelIdentity.WebChatOnlyKeyId });

        var response = await host.PostAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await StoredAsync(host));
    }

    [Fact]
    public async Task A_message_from_a_tenant_not_served_is_answered_politely_and_nothing_is_stored()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Security:AllowedTenantIds:0"] = "11111111-0000-0000-0000-000000000001" });

        var response = await host.PostAsync(host.LoadActivity("personal-message"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = Assert.Single(host.SentActivities());
        Assert.StartsWith("Sorry, I only serve the organization that runs me", reply.Text, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(host));
    }

    [Fact]
    public async Task A_card_press_from_a_tenant_not_served_gets_the_refusal_in_the_invoke_response()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Security:AllowedTenantIds:0"] = "11111111-0000-0000-0000-000000000001" });

        var response = await host.PostAsync(host.LoadActivity("adaptive-card-action"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((403, "OtherOrganization"), (body["statusCode"]!.GetValue<int>(), body["value"]!["code"]!.GetValue<string>()));
        Assert.Null(await StoredAsync(host));
    }

    [Theory]
    [InlineData("conversation-update-bot-added")]
    [InlineData("installation-update-add")]
    public async Task An_install_in_a_tenant_not_served_is_not_recorded_as_a_conversation_to_broadcast_to(string activityName)
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Security:AllowedTenantIds:0"] = "11111111-0000-0000-0000-000000000001" });

        var response = await host.PostAsync(host.LoadActivity(activityName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(await StoredAsync(host));
        Assert.Empty(host.Connector.Requests);
    }

    [Fact]
    public async Task An_activity_whose_two_tenant_fields_disagree_is_not_served()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Security:AllowedTenantIds:0"] = "72f988bf-0000-0000-0000-0000000000aa" });
        var activity = host.LoadActivity("personal-message");
        activity["channelData"]!["tenant"]!["id"] = "11111111-0000-0000-0000-000000000001";

        await host.PostAsync(activity);

        Assert.Null(await StoredAsync(host));
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("http://169.254.169.254/latest/")]
    [InlineData("http://10.1.2.3:8080/")]
    public async Task Without_authentication_a_crafted_service_url_is_refused_and_never_stored_for_broadcasts(string serviceUrl)
    {
        await using var host = await BotHost.StartAsync();
        foreach (var name in new[] { "installation-update-add", "personal-message" })
        {
            var activity = host.LoadActivity(name);
            activity["serviceUrl"] = serviceUrl;

            var response = await host.PostAsync(activity);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Null(await StoredAsync(host));
        Assert.Empty(await host.Services.GetRequiredService<IConversationStore>().ListInstalledAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_service_url_on_the_allow_list_is_accepted_without_authentication()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Security:AllowedServiceUrls:0"] = "https://playground.lan/_connector/" });
        var activity = host.LoadActivity("personal-message");
        activity["serviceUrl"] = "https://playground.lan/_connector/";
        activity["deliveryMode"] = "expectReplies";

        var response = await host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await StoredAsync(host));
    }

    [Theory]
    [InlineData("false", "Broadcast: what do you want to send?")]
    [InlineData("true", "only the meeting's organizers can send broadcasts")]
    public async Task Without_authentication_the_senders_object_id_makes_an_organizer_only_in_local_development(string networkAccess, string expected)
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Organizers:ObjectIds:0"] = Ana,
            ["Security:AllowAnonymousNetworkAccess"] = networkAccess,
        });
        var activity = host.LoadActivity("personal-message");
        activity["text"] = "broadcast";

        await host.PostAsync(activity);

        var (_, reply) = Assert.Single(host.SentActivities());
        Assert.Contains(expected, reply.Text + reply.Attachments?.FirstOrDefault()?.Content?.ToJsonString(), StringComparison.Ordinal);
    }
}
