using System.Net;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace GmgBot.Host.Tests.Security;

/// <summary>
/// A turn never holds the channel's request past BotConnector:TurnTimeout (at most 10 s), and a connector that refuses
/// or cannot be reached gets an honest gateway status at once: 502 when the connector failed, 503 when time ran out.
/// </summary>
public sealed class BoundedTurnTests
{
    private static async Task<(HttpResponseMessage Response, string Problem)> PostToAsync(string serviceUrl, IDictionary<string, string?>? settings = null)
    {
        await using var host = await BotHost.StartAsync(settings);
        var activity = host.LoadActivity("personal-message");
        activity["serviceUrl"] = serviceUrl;
        var response = await host.PostAsync(activity);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_connector_that_refuses_the_reply_gets_502_after_one_call()
    {
        await using var connector = await LocalServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

        var (response, problem) = await PostToAsync(connector.BaseAddress.AbsoluteUri);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("refused the bot's call: 403", problem, StringComparison.Ordinal);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task A_connector_that_cannot_be_reached_gets_502_not_a_500_after_retries()
    {
        var (response, problem) = await PostToAsync($"http://127.0.0.1:{LocalServer.UnusedPort()}/");

        // 502 and not 503: the answer came before the turn's deadline.
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("could not be reached", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connector_that_never_answers_does_not_hold_the_request_past_the_turn_timeout()
    {
        var release = new TaskCompletionSource();
        await using var connector = await LocalServer.StartAsync(async (_, _) => await release.Task);

        var (response, problem) = await PostToAsync(connector.BaseAddress.AbsoluteUri, new Dictionary<string, string?>
        {
            ["BotConnector:TurnTimeout"] = "00:00:01",
            ["BotConnector:AttemptTimeout"] = "00:01:00",
        });

        // Answered while the connector still holds the reply: the bot did not wait for it.
        Assert.False(release.Task.IsCompleted);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("did not finish within 1 s", problem, StringComparison.Ordinal);
        release.SetResult();
    }
}
