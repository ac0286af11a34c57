using GmgBot.Host.Features;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Delivery;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Organizers;
using GmgBot.Host.Delivery;
using GmgBot.Host.Storage;
using Npgsql;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Benchmarks;

/// <summary>
/// <c>bench broadcast</c>: an organizer's broadcast to N synthetic users who installed the bot, through the real
/// delivery engine and outbox, against a local Bot Connector that enforces Teams' limits (per conversation
/// 7/1 s, 8/2 s, 60/30 s; 50 requests per second per tenant; 429 with Retry-After when exceeded) and injects 429s
/// and 503s at a set rate. Reports messages per second against the 50/s ceiling, and lost and duplicated messages.
/// On embedded SQLite by default; <c>--Bench:Instances=2 --Bench:ConnectionString=…</c>: several instances of the bot
/// on one PostgreSQL (a fresh schema), sharing the outbox and the tenant's send budget.
/// </summary>
public static class BroadcastBenchmark
{
    private const string Tenant = "bench-tenant";
    private const string BotId = "28:bench-bot";
    private static readonly Guid Organizer = new("0b5e7c11-0000-4000-8000-00000000be0c");

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var recipients = Setting(configuration, "Bench:Recipients", 10_000);
        var faultRate = Setting(configuration, "Bench:FaultRate", 0.01);
        var latency = TimeSpan.FromMilliseconds(Setting(configuration, "Bench:LatencyMs", 40));
        var instances = Setting(configuration, "Bench:Instances", 1);
        var folder = Path.Combine(Path.GetTempPath(), "gmgbot-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using var storage = await BenchStorage.CreateAsync(configuration, folder, instances);
        try
        {
            await using var teams = await FakeTeams.StartAsync(faultRate, latency);
            var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Resolve(configuration), cancellationToken);
            var hosts = Enumerable.Range(1, instances).Select(i => BuildBot(folder, knowledge, storage.Settings, $"bench-{i}", several: instances > 1)).ToList();
            foreach (var host in hosts)
            {
                await host.StartAsync(cancellationToken);
            }
            try
            {
                await output.WriteLineAsync($"{instances} instance(s) of the bot on {storage.Description}.");
                return await MeasureAsync(hosts[0].Services, teams, recipients, faultRate, latency, output, cancellationToken);
            }
            finally
            {
                foreach (var host in hosts)
                {
                    await host.StopAsync(CancellationToken.None);
                    host.Dispose();
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(
        IServiceProvider bot, FakeTeams teams, int count, double faultRate, TimeSpan latency, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"Broadcast benchmark: {count:N0} recipients, {faultRate:P1} injected faults (half 429, half 503), {latency.TotalMilliseconds:F0} ms connector latency.");
        var seeding = Stopwatch.StartNew();
        var store = bot.GetRequiredService<IConversationStore>();
        var organizer = Snapshot(teams.ServiceUrl, "organizer") with { UserAadObjectId = Organizer.ToString() };
        await store.SetInstalledAsync(organizer, installed: true, cancellationToken);
        for (var i = 0; i < count - 1; i++)
        {
            await store.SetInstalledAsync(Snapshot(teams.ServiceUrl, i.ToString("D6", CultureInfo.InvariantCulture)), installed: true, cancellationToken);
        }
        await output.WriteLineAsync($"Seeded {count:N0} personal installs in {seeding.Elapsed.TotalSeconds:F1} s.");

        // The organizer's own path: a session reminder to everyone who installed the bot, now.
        var timeline = bot.GetRequiredService<IKnowledgeSource>().Current.Timeline;
        var session = timeline.Sessions.First(s => s.Session.Kind == SessionKind.Session);
        var context = new QuestionContext { UserId = organizer.UserId, AadObjectId = Organizer.ToString(), UserName = "Bench Organizer", ConversationId = organizer.ConversationId };
        var draft = new BroadcastDraft { What = BroadcastDraft.WhatSession, SessionId = session.Session.Id, Audience = BroadcastDraft.ToInstalled, BroadcastId = "bench" };
        var started = Stopwatch.StartNew();
        await bot.GetRequiredService<BroadcastDesk>().SendAsync(new CardActionRequest(BroadcastVerbs.Send, draft.ToData(), context, IsExecute: true), cancellationToken);

        var outbox = bot.GetRequiredService<IOutbox>();
        DeliveryTally tally;
        var lastShown = TimeSpan.Zero;
        while (true)
        {
            tally = await outbox.TallyAsync(JobKeys.Broadcast("bench"), cancellationToken);
            if (tally.Total == count && tally.IsFinished)
            {
                break;
            }
            if (started.Elapsed - lastShown >= TimeSpan.FromSeconds(15))
            {
                lastShown = started.Elapsed;
                await output.WriteLineAsync($"  {started.Elapsed.TotalSeconds,5:F0} s: {tally.Sent:N0} sent, {tally.Pending + tally.InFlight:N0} pending.");
            }
            await Task.Delay(250, cancellationToken);
        }
        var elapsed = started.Elapsed;
        // Let the engine post its last report update before reading the connector's books.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);

        var accepted = teams.AcceptedBroadcasts();
        var delivered = accepted.Select(a => a.Conversation).ToList();
        var perRecipient = delivered.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var lost = count - perRecipient.Count;
        var duplicated = perRecipient.Values.Sum(n => n - 1);
        var span = accepted.Count > 1 ? accepted.Max(a => a.At) - accepted.Min(a => a.At) : TimeSpan.Zero;
        var rate = span > TimeSpan.Zero ? (accepted.Count - 1) / span.TotalSeconds : 0;
        var requestRate = teams.RequestRate();

        await output.WriteLineAsync($"Done in {elapsed.TotalSeconds:F1} s (from Send to every row settled).");
        await output.WriteLineAsync($"Outbox: {tally.Sent:N0} sent, {tally.Dead:N0} failed, {tally.Unreachable:N0} unreachable, {tally.Unconfirmed:N0} unconfirmed, {tally.Expired:N0} expired.");
        await output.WriteLineAsync($"Connector: {teams.Requests:N0} requests ({teams.InjectedTooMany:N0} injected 429, {teams.InjectedUnavailable:N0} injected 503, "
            + $"{teams.Throttled:N0} 429 for exceeding a Teams limit), {requestRate:F1} requests/s while sending.");
        await output.WriteLineAsync($"Messages delivered: {accepted.Count:N0} to {perRecipient.Count:N0} recipients; lost {lost:N0}, duplicated {duplicated:N0}.");
        await output.WriteLineAsync($"Throughput: {rate:F1} messages/s = {rate / 50:P1} of the 50/s ceiling (target ≥ 95 %).");
        await output.WriteLineAsync($"Delivery report: {teams.LastReport() ?? "(none)"}");
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    private static IHost BuildBot(string folder, KnowledgeBase knowledge, IReadOnlyDictionary<string, string?> storage, string instanceId, bool several)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(storage)
        {
            ["MicrosoftAppId"] = "",
            ["Organizers:ObjectIds:0"] = Organizer.ToString(),
            ["Delivery:InstanceId"] = instanceId,
            ["Logging:LogLevel:Default"] = "Warning",
            // A message the connector refused is retried as soon as its Retry-After or back-off allows.
            ["Delivery:RetryBaseDelay"] = "00:00:01",
            // Several instances: each notices rows another enqueued within a second.
            ["Delivery:MaxIdle"] = several ? "00:00:01" : null,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddBotFramework();
        builder.Services.AddStorage();
        builder.Services.AddDelivery();
        builder.Services.AddReminders();
        builder.Services.AddBroadcasts();
        // The event replayed from tomorrow, so that its sessions are still to come.
        var tomorrow = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(1);
        builder.Services.TryAddSingleton<IKnowledgeSource>(new FixedKnowledgeSource(new KnowledgeSnapshot(knowledge, tomorrow)));
        builder.Services.TryAddSingleton<ISessionActions, SessionActions>();
        return builder.Build();
    }

    private static ConversationSnapshot Snapshot(string serviceUrl, string user) => new()
    {
        ConversationId = $"a:bench-{user}",
        ConversationType = ConversationTypes.Personal,
        TenantId = Tenant,
        ServiceUrl = serviceUrl,
        ChannelId = Channels.Msteams,
        BotId = BotId,
        BotName = "GmgBot",
        UserId = $"29:bench-{user}",
        UserName = $"User {user}",
    };

    private static T Setting<T>(IConfiguration configuration, string key, T fallback) where T : IParsable<T> =>
        T.TryParse(configuration[key], CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Where the benchmark's bots keep their data: a SQLite file in the run's folder, or a fresh schema on PostgreSQL.</summary>
    private sealed class BenchStorage(IReadOnlyDictionary<string, string?> settings, string description, string? adminConnection, string? schema) : IAsyncDisposable
    {
        public IReadOnlyDictionary<string, string?> Settings => settings;

        public string Description => description;

        public static async Task<BenchStorage> CreateAsync(IConfiguration configuration, string folder, int instances)
        {
            if (configuration["Bench:ConnectionString"] is not { Length: > 0 } connection)
            {
                if (instances > 1)
                {
                    throw new InvalidOperationException("Several instances share a PostgreSQL database: pass --Bench:ConnectionString=Host=…;Database=…");
                }
                var path = Path.Combine(folder, "gmgbot.db");
                return new BenchStorage(new Dictionary<string, string?> { ["Storage:DatabasePath"] = path }, $"SQLite {path}", null, null);
            }
            var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
            await AdminAsync(connection, $"CREATE SCHEMA {schema};");
            var withSchema = new NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ToString();
            return new BenchStorage(new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = withSchema },
                $"PostgreSQL schema {schema}", connection, schema);
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            if (adminConnection is not null)
            {
                await AdminAsync(adminConnection, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
            }
        }

        private static async Task AdminAsync(string connection, string sql)
        {
            await using var source = NpgsqlDataSource.Create(connection);
            await using var command = source.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }
    }
}
