using System.Net;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GmgBot.Host.Tests.Security;

/// <summary>
/// What the logs say about refusals and secrets, with every category at every level let through: refused tokens once
/// per cause without a stack trace, floods of bad requests as one line, and feed tokens never.
/// </summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Refused_tokens_are_logged_once_per_cause_without_a_stack_trace()
    {
        var logs = new LogCapture();
        await using var channel = await FakeChannelIdentity.StartAsync();
        var settings = new Dictionary<string, string?>(LogCapture.Everything)
        {
            ["MicrosoftAppId"] = FakeChannelIdentity.AppId,
            ["MicrosoftAppPassword"] = "not-used",
            ["MicrosoftAppTenantId"] = "72f988bf-0000-0000-0000-0000000000aa",
            ["ToBotFromChannelOpenIdMetadataUrl"] = channel.MetadataUrl,
        };
        await using var host = await BotHost.StartAsync(settings, logs.AddTo);
        var expired = "Bearer " + channel.CreateToken(new TokenSpec { ServiceUrl = host.ServiceUrl, ExpiresOffset = TimeSpan.FromMinutes(-10), NotBeforeOffset = TimeSpan.FromHours(-1) });

        for (var i = 0; i < 20; i++)
        {
            foreach (var header in new string?[] { null, "Basic dXNlcjpwYXNz", "Bearer garbage", expired })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostAsync(host.LoadActivity("personal-message"), header)).StatusCode);
            }
        }

        var refusals = logs.Lines.Where(l => l.Category == typeof(ChannelAuthenticator).FullName).ToList();
        Assert.Equal(4, refusals.Count);
        Assert.All(refusals, l => Assert.Null(l.Exception));
        Assert.All(refusals, l => Assert.DoesNotContain("   at ", l.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Category == typeof(ProblemExceptionHandler).FullName);
    }

    [Fact]
    public async Task A_flood_of_malformed_requests_is_one_log_line()
    {
        var logs = new LogCapture();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>(LogCapture.Everything), logs.AddTo);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await host.PostRawAsync("{\"type\": 42}", "application/json")).StatusCode);
        }

        var line = Assert.Single(logs.Lines, l => l.Category == typeof(ProblemExceptionHandler).FullName);
        Assert.Null(line.Exception);
    }

    [Fact]
    public async Task Feed_tokens_never_reach_the_logs_and_request_logs_show_the_path_redacted()
    {
        var logs = new LogCapture();
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>(LogCapture.Everything), logs.AddTo);
        var token = await host.Services.GetRequiredService<FeedTokenStore>().IssueAsync("29:1aYhYyVZqnT-personal-user", CancellationToken.None);
        const string unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/calendar/feeds/{token}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/calendar/feeds/{unknown}.ics")).StatusCode);

        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains(token, StringComparison.Ordinal) || l.Message.Contains(unknown, StringComparison.Ordinal));
        Assert.Equal(2, logs.Lines.Count(l => l.Level == LogLevel.Information && l.Message.Contains("/calendar/feeds/[redacted]", StringComparison.Ordinal)
            && l.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Lines, l => l.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && l.Level < LogLevel.Warning);
    }
}
