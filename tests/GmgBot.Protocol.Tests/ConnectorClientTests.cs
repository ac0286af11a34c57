using System.Text;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace GmgBot.Protocol.Tests;

public sealed class ConnectorClientTests
{
    private static Activity Message(string conversationId = "a:1", string? replyToId = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = "hi",
        Conversation = new ConversationAccount { Id = conversationId },
        ReplyToId = replyToId,
    };

    /// <summary>A connector that answers the scripted statuses in order, then 200.</summary>
    private static Task<LocalServer> ScriptedConnector(params (int Status, string? RetryAfter)[] script)
    {
        var next = 0;
        return LocalServer.StartAsync(async (context, _) =>
        {
            var index = Interlocked.Increment(ref next) - 1;
            if (index < script.Length)
            {
                context.Response.StatusCode = script[index].Status;
                if (script[index].RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                await context.Response.WriteAsJsonAsync(new { error = new { code = "Scripted", message = $"status {script[index].Status}" } });
                return;
            }

            await context.Response.WriteAsJsonAsync(new { id = "sent-1" });
        });
    }

    private static IConnectorClient CreateClient(LocalServer server, IBotTokenProvider? tokens = null, IDictionary<string, string?>? settings = null)
    {
        var services = ProtocolServices.Create(settings, configure: s =>
        {
            if (tokens is not null)
            {
                s.AddSingleton(tokens);
            }
        });
        return services.GetRequiredService<IConnectorClientFactory>().Create(server.BaseAddress.AbsoluteUri);
    }

    [Fact]
    public async Task A_reply_posts_the_activity_to_the_reply_route_with_the_bearer_token()
    {
        await using var server = await LocalServer.StartConnectorAsync();
        var tokens = new Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetAccessTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("token-abc");
        var client = CreateClient(server, tokens.Object);

        var response = await client.ReplyToActivityAsync(Message("19:x@thread.tacv2;messageid=5", replyToId: "5"));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/conversations/19%3Ax%40thread.tacv2%3Bmessageid%3D5/activities/5", request.Path);
        Assert.Equal("Bearer token-abc", request.Authorization);
        Assert.Equal("hi", JsonNode.Parse(request.Body)!["text"]!.GetValue<string>());
        Assert.StartsWith("activity-", response.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activities_are_sent_with_a_content_length_not_chunked()
    {
        await using var server = await LocalServer.StartConnectorAsync();
        var client = CreateClient(server, Mock.Of<IBotTokenProvider>());

        await client.SendToConversationAsync(Message("a:1"));

        var request = Assert.Single(server.Requests);
        Assert.Equal(Encoding.UTF8.GetByteCount(request.Body).ToString(CultureInfo.InvariantCulture), request.Headers.GetValueOrDefault("Content-Length"));
        Assert.False(request.Headers.ContainsKey("Transfer-Encoding"));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_teams_name_and_its_channels_come_from_the_teams_routes()
    {
        await using var server = await LocalServer.StartAsync((context, request) => request.Path switch
        {
            "/v3/teams/19%3Ateam%40thread.tacv2" => context.Response.WriteAsJsonAsync(new { id = "19:team@thread.tacv2", name = "GMG Secretariat", aadGroupId = "0f3e" }),
            "/v3/teams/19%3Ateam%40thread.tacv2/conversations" => context.Response.WriteAsJsonAsync(new
            {
                conversations = new object[] { new { id = "19:team@thread.tacv2" }, new { id = "19:logistics@thread.tacv2", name = "Meeting logistics" } },
            }),
            _ => Task.FromResult(context.Response.StatusCode = 404),
        });
        var client = CreateClient(server);

        var team = await client.GetTeamDetailsAsync("19:team@thread.tacv2");
        var channels = await client.GetTeamChannelsAsync("19:team@thread.tacv2");

        Assert.Equal(("GMG Secretariat", "0f3e"), (team.Name, team.AadGroupId));
        Assert.Equal([("19:team@thread.tacv2", (string?)null), ("19:logistics@thread.tacv2", "Meeting logistics")], channels.Select(c => (c.Id!, c.Name)));
        Assert.All(server.Requests, r => Assert.Equal("GET", r.Method));
        await Assert.ThrowsAsync<ConnectorException>(() => client.GetTeamDetailsAsync("19:gone@thread.tacv2"));
    }

    [Fact]
    public async Task Send_update_delete_create_and_members_use_the_v3_routes()
    {
        await using var server = await LocalServer.StartAsync((context, request) => request.Path switch
        {
            "/v3/conversations" => context.Response.WriteAsJsonAsync(new { id = "a:new", serviceUrl = "https://smba.example/emea/" }),
            var p when p.EndsWith("/members", StringComparison.Ordinal) => context.Response.WriteAsJsonAsync(new[] { new { id = "29:1", name = "Ana" } }),
            var p when p.EndsWith("/pagedmembers", StringComparison.Ordinal) => context.Response.WriteAsJsonAsync(new { continuationToken = "next", members = new[] { new { id = "29:2" } } }),
            _ when request.Method == "DELETE" => Task.CompletedTask,
            _ => context.Response.WriteAsJsonAsync(new { id = "x" }),
        });
        var client = CreateClient(server);

        await client.SendToConversationAsync(Message());
        var update = Message();
        update.Id = "42";
        await client.UpdateActivityAsync(update);
        await client.DeleteActivityAsync("a:1", "42");
        var created = await client.CreateConversationAsync(ConversationParameters.ForPersonalChat(new ChannelAccount("28:bot"), new ChannelAccount("29:1"), "tenant-1"));
        var members = await client.GetConversationMembersAsync("a:1");
        var paged = await client.GetConversationPagedMembersAsync("a:1", pageSize: 50, continuationToken: "t 1");

        Assert.Equal(
            ["POST /v3/conversations/a%3A1/activities", "PUT /v3/conversations/a%3A1/activities/42", "DELETE /v3/conversations/a%3A1/activities/42",
             "POST /v3/conversations", "GET /v3/conversations/a%3A1/members", "GET /v3/conversations/a%3A1/pagedmembers"],
            server.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Null(server.Requests[0].Authorization);
        Assert.Equal("?pageSize=50&continuationToken=t%201", server.Requests[5].Query);
        var createBody = JsonNode.Parse(server.Requests[3].Body)!;
        Assert.Equal("tenant-1", createBody["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.False(createBody["isGroup"]!.GetValue<bool>());
        Assert.Equal(("a:new", "https://smba.example/emea/"), (created.Id, created.ServiceUrl));
        Assert.Equal("Ana", Assert.Single(members).Name);
        Assert.Equal(("next", "29:2"), (paged.ContinuationToken, paged.Members![0].Id));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_retry_after_delay()
    {
        await using var server = await ScriptedConnector((429, "1"));
        var client = CreateClient(server);

        var response = await client.SendToConversationAsync(Message());

        Assert.Equal("sent-1", response.Id);
        var requests = await server.WaitForRequestsAsync(2);
        Assert.Equal(2, requests.Count);
        // Retry-After: 1 wins over the 10 ms back-off the test configures.
        Assert.True(TimeProvider.System.GetElapsedTime(requests[0].Timestamp, requests[1].Timestamp) >= TimeSpan.FromMilliseconds(900));
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried_with_backoff(int status)
    {
        await using var server = await ScriptedConnector((status, null), (status, null));
        var client = CreateClient(server);

        var response = await client.SendToConversationAsync(Message());

        Assert.Equal("sent-1", response.Id);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(500)]
    public async Task Permanent_failures_are_not_retried_and_throw_with_the_status(int status)
    {
        await using var server = await ScriptedConnector((status, null));
        var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(Message()));

        Assert.Single(server.Requests);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("Scripted", error.ErrorCode);
        Assert.Equal(status is 403 or 404, error.IsRecipientUnreachable);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_attempts()
    {
        await using var server = await ScriptedConnector((503, null), (503, null), (503, null), (503, null), (503, null));
        var client = CreateClient(server);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(Message()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Every_attempt_asks_for_a_current_token()
    {
        await using var server = await ScriptedConnector((503, null));
        var tokens = new Mock<IBotTokenProvider>();
        tokens.SetupSequence(t => t.GetAccessTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("first").ReturnsAsync("second");
        var client = CreateClient(server, tokens.Object);

        await client.SendToConversationAsync(Message());

        Assert.Equal(["Bearer first", "Bearer second"], server.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_connector_that_drops_the_connection_is_not_retried()
    {
        await using var server = await LocalServer.StartAsync((context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var client = CreateClient(server);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendToConversationAsync(Message()));

        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_response_larger_than_the_limit_is_not_read(bool announcesLength)
    {
        var huge = "{\"id\":\"" + new string('x', 64 * 1024) + "\"}";
        await using var server = await LocalServer.StartAsync(async (context, _) =>
        {
            if (announcesLength)
            {
                context.Response.ContentLength = Encoding.UTF8.GetByteCount(huge);
            }

            await context.Response.WriteAsync(huge);
        });
        var client = CreateClient(server, settings: new Dictionary<string, string?> { ["BotConnector:MaxResponseBytes"] = "4096" });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(Message()));

        Assert.Equal((HttpStatusCode.OK, ConnectorClient.ResponseTooLargeErrorCode), (error.StatusCode, error.ErrorCode));
    }

    [Fact]
    public async Task An_oversized_error_body_still_gives_its_status()
    {
        await using var server = await LocalServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync(new string('<', 64 * 1024));
        });
        var client = CreateClient(server, settings: new Dictionary<string, string?> { ["BotConnector:MaxResponseBytes"] = "4096" });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(Message()));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(4096, error.ResponseBody!.Length);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("http://169.254.169.254/metadata/")]
    public async Task A_service_url_the_access_policy_refuses_is_never_called(string serviceUrl)
    {
        var client = ProtocolServices.Create().GetRequiredService<IConnectorClientFactory>().Create(serviceUrl);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync(Message()));

        Assert.Equal((HttpStatusCode.Forbidden, ServiceUrlGuard.RefusedErrorCode), (error.StatusCode, error.ErrorCode));
        Assert.True(error.IsRecipientUnreachable);
    }

    [Fact]
    public void A_service_url_that_is_not_absolute_http_is_refused()
    {
        var factory = ProtocolServices.Create().GetRequiredService<IConnectorClientFactory>();

        Assert.Throws<ArgumentException>(() => factory.Create("file:///etc/passwd"));
        Assert.Throws<ArgumentException>(() => factory.Create("not a url"));
    }
}
