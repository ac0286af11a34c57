using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Search;
using GmgBot.Host.Storage;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moq;

namespace GmgBot.Host.Tests;

/// <summary>
/// Health that tells the truth, through the real host on each provider: live while the process answers, ready only
/// while the database can be read and written; and what users see while it cannot (answers that need no storage,
/// an honest "I can't save that right now" for what does), within a short wait.
/// </summary>
public sealed class HealthTests
{
    private static readonly string Tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<BotHost> StartAsync(StorageProvider provider, Action<StorageOptions>? storage = null) =>
        BotHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:ReplayStartDate"] = Tomorrow }, provider: provider,
            configureStorage: o =>
            {
                o.CommandTimeout = TimeSpan.FromSeconds(1);
                storage?.Invoke(o);
            });

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(BotHost host, string path)
    {
        var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<(string Text, TimeSpan Took)> SayAsync(BotHost host, string text, string user = "29:1aYhYyVZqnT-personal-user")
    {
        var before = host.SentActivities().Count;
        var activity = host.LoadActivity("personal-message");
        activity["text"] = text;
        activity["from"]!["id"] = user;
        activity["conversation"]!["id"] = "a:chat-" + user;
        var stopwatch = Stopwatch.StartNew();
        var response = await host.PostAsync(activity);
        var took = stopwatch.Elapsed;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (host.SentActivities().Skip(before).Single().Activity.Text ?? "", took);
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_started_bot_is_live_and_ready_and_healthz_is_readiness(StorageProvider provider)
    {
        await using var host = await StartAsync(provider);

        var live = await GetAsync(host, "/healthz/live");
        var ready = await GetAsync(host, "/healthz/ready");
        var healthz = await GetAsync(host, "/healthz");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (live.Status, live.Body["status"]!.GetValue<string>()));
        Assert.Empty(live.Body["checks"]!.AsObject());
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, ready.Body["status"]!.GetValue<string>()));
        Assert.Equal(["database", "knowledge", "search-index"], ready.Body["checks"]!.AsObject().Select(c => c.Key).Order());
        Assert.Equal(ready.Body["checks"]!.AsObject().Select(c => c.Key), healthz.Body["checks"]!.AsObject().Select(c => c.Key));
    }

    [SkippableTheory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task With_the_database_locked_the_bot_is_live_not_ready_answers_at_once_and_says_it_cannot_save(StorageProvider provider)
    {
        await using var host = await StartAsync(provider);
        await SayAsync(host, "help");

        await using (await host.Database.HoldWriteLockAsync())
        {
            var ready = await GetAsync(host, "/healthz/ready");
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Body["checks"]!["database"]!["status"]!.GetValue<string>()));
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/healthz/live")).Status);

            // A known conversation's turn waits on no write; a new one's waits at most the command timeout.
            var help = await SayAsync(host, "help");
            Assert.InRange(help.Took, TimeSpan.Zero, TimeSpan.FromMilliseconds(900));
            var question = await SayAsync(host, "Who chairs the recap session?", user: "29:new-delegate");
            Assert.DoesNotContain("can't save", question.Text, StringComparison.Ordinal);
            Assert.InRange(question.Took, TimeSpan.Zero, TimeSpan.FromSeconds(5));

            var remind = await SayAsync(host, "remind me about the recap session", user: "29:new-delegate");
            Assert.Equal("Sorry, I can't save that right now. Nothing was changed; please try again in a moment.", remind.Text);
            Assert.InRange(remind.Took, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/healthz/ready")).Status);
        var again = await SayAsync(host, "remind me about the recap session", user: "29:new-delegate");
        Assert.StartsWith("Reminder set: ", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_database_is_not_ready()
    {
        await using var host = await StartAsync(StorageProvider.Sqlite, o => o.MaxSizeMegabytes = 1);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/healthz/ready")).Status);

        // Fill it as a busy bot would, until SQLite refuses (the cap stands in for a full disk: the same SQLITE_FULL).
        var filled = 0;
        while (filled < 1000)
        {
            try
            {
                await host.Database.Database.RunAsync(async (connection, token) =>
                {
                    await using var command = connection.Command("INSERT INTO delivery_settings (key, value, changed_at) VALUES (@key, @value, 0);")
                        .With("@key", $"filler-{filled}").With("@value", new string('x', 16 * 1024));
                    await command.ExecuteNonQueryAsync(token);
                }, CancellationToken.None);
                filled++;
            }
            catch (Core.Conversation.StorageUnavailableException ex) when (ex.Message.Contains("full", StringComparison.Ordinal))
            {
                break;
            }
        }

        var ready = await GetAsync(host, "/healthz/ready");
        Assert.InRange(filled, 1, 999);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Body["checks"]!["database"]!["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, "/healthz/live")).Status);
    }

    [Fact]
    public async Task Knowledge_not_loaded_or_an_index_that_cannot_be_queried_is_not_ready()
    {
        var knowledge = new Mock<IKnowledgeSource>();
        knowledge.Setup(k => k.Current).Throws(new InvalidOperationException("The knowledge has not been loaded yet."));
        var index = new Mock<ISearchIndex>();
        index.Setup(i => i.SearchAsync(It.IsAny<SearchRequest>(), It.IsAny<CancellationToken>()))
            .Throws(new InvalidOperationException("The search index has not been built yet."));

        var knowledgeHealth = await new KnowledgeHealthCheck(knowledge.Object).CheckHealthAsync(new HealthCheckContext());
        var indexHealth = await new SearchIndexHealthCheck(index.Object).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, HealthStatus.Unhealthy), (knowledgeHealth.Status, indexHealth.Status));
    }
}
