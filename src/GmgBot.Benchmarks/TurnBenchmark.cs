using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GmgBot.Benchmarks;

/// <summary>
/// <c>bench turns</c>: full turns through a local connector, as Teams drives a bot. N conversations each post message
/// activities to <c>/api/messages</c> back to back; a turn is one POST until its 200, which the bot gives after it has
/// posted its reply to the connector. Reports turns per second and p50/p99 per text (a command, a question) and
/// concurrency. The bot is the built GmgBot.Host started as its own process (embedded defaults, or PostgreSQL with
/// <c>--Bench:Provider=PostgreSql --Bench:ConnectionString=…</c>), or any bot already running at <c>--Bench:Bot=url</c>
/// (the yardstick: the official JS SDK's echo bot in <c>echo-bot/</c>).
/// </summary>
public static class TurnBenchmark
{
    private static readonly string[] Questions =
    [
        "Who chairs the recap session?", "When does registration open on day 1?", "Which session covers target 16.9?",
        "Which working group is co-chaired by UNDP?", "How many agencies are in the GMG?", "Is Gregory Maniatis attending in person?",
        "Who are the speakers in the inclusive cities session?", "What is the GMG?",
    ];

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var concurrencies = (configuration["Bench:Concurrency"] ?? "1,32,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var texts = (configuration["Bench:Texts"] ?? "help,question").Split(',');
        var duration = TimeSpan.FromSeconds(double.Parse(configuration["Bench:Seconds"] ?? "10", CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(configuration["Bench:WarmupSeconds"] ?? "3", CultureInfo.InvariantCulture));

        await using var connector = await Connector.StartAsync();
        await using var bot = configuration["Bench:Bot"] is { Length: > 0 } url
            ? BotUnderTest.Running(url)
            : await BotUnderTest.StartGmgBotAsync(configuration, cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

        await output.WriteLineAsync($"Full turns against {bot.Description} through a local connector; {duration.TotalSeconds:F0} s per run after {warmup.TotalSeconds:F0} s warm-up.");
        await output.WriteLineAsync($"{"text",-9} {"conv",4} {"turns/s",8} {"p50 ms",7} {"p99 ms",7} {"max ms",7} {"errors",6}");
        var failed = false;
        foreach (var text in texts)
        {
            foreach (var concurrency in concurrencies)
            {
                await RunAsync(client, bot.Url, connector, text, concurrency, warmup, cancellationToken);
                var replies = connector.Replies;
                var result = await RunAsync(client, bot.Url, connector, text, concurrency, duration, cancellationToken);
                var replied = connector.Replies - replies;
                var errors = result.Errors + Math.Max(0, result.Latencies.Length - replied);
                failed |= errors > 0;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{text,-9} {concurrency,4} {result.Latencies.Length / duration.TotalSeconds,8:F0} {Percentile(result.Latencies, 0.50),7:F2} {Percentile(result.Latencies, 0.99),7:F2} {result.Latencies[^1],7:F1} {errors,6}"));
            }
        }
        if (bot.Memory() is { } memory)
        {
            await output.WriteLineAsync($"Bot resident memory: {memory.Now / (1024 * 1024)} MB now, {memory.Peak / (1024 * 1024)} MB at most.");
        }
        return failed ? 1 : 0;
    }

    private static async Task<(double[] Latencies, int Errors)> RunAsync(
        HttpClient client, string botUrl, Connector connector, string text, int concurrency, TimeSpan duration, CancellationToken cancellationToken)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(n => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var errors = 0;
            for (var turn = 0; Stopwatch.GetTimestamp() < until; turn++)
            {
                var words = text == "question" ? Questions[(n + turn) % Questions.Length] : text;
                using var content = new ByteArrayContent(Activity(connector.ServiceUrl, n, turn, words));
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsync(botUrl, content, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    errors += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
                }
                catch (HttpRequestException)
                {
                    errors++;
                }
            }
            return (latencies, errors);
        }, cancellationToken)).ToList();
        var results = await Task.WhenAll(workers);
        var all = results.SelectMany(r => r.latencies).Order().ToArray();
        return (all.Length == 0 ? [double.NaN] : all, results.Sum(r => r.errors));
    }

    // A Teams message activity in conversation n (each conversation is its own user's personal chat).
    private static byte[] Activity(string serviceUrl, int conversation, int turn, string text) => Encoding.UTF8.GetBytes($$$"""
        {"type":"message","id":"{{{conversation}}}-{{{turn}}}","timestamp":"{{{DateTime.UtcNow:O}}}","channelId":"msteams","serviceUrl":"{{{serviceUrl}}}",
         "from":{"id":"29:bench-user-{{{conversation}}}","name":"Bench User {{{conversation}}}","aadObjectId":"6b3c0b3e-0000-4000-8000-{{{conversation:D12}}}"},
         "conversation":{"conversationType":"personal","tenantId":"bench-tenant","id":"a:bench-{{{conversation}}}"},
         "recipient":{"id":"28:bench-bot","name":"GmgBot"},"channelData":{"tenant":{"id":"bench-tenant"}},"locale":"en-GB",
         "text":"{{{text}}}","textFormat":"plain"}
        """);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The Bot Connector stand-in: takes every reply with 200 and an id, as Teams does, and counts them.</summary>
    private sealed class Connector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private long _replies;

        private Connector(WebApplication app) => _app = app;

        public string ServiceUrl { get; private set; } = "";

        public long Replies => Interlocked.Read(ref _replies);

        public static async Task<Connector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var connector = new Connector(app);
            app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId?}", async (HttpContext http) =>
            {
                // Read the reply as Teams would, then answer.
                await http.Request.Body.CopyToAsync(Stream.Null);
                Interlocked.Increment(ref connector._replies);
                return Results.Text("""{"id":"activity"}""", "application/json");
            });
            await app.StartAsync();
            connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
            return connector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The bot measured: GmgBot started here as its own process, or one already running.</summary>
    private sealed class BotUnderTest(string url, string description, Process? process, string? folder) : IAsyncDisposable
    {
        public string Url => url;

        public string Description => description;

        public static BotUnderTest Running(string url) => new(url, url, null, null);

        /// <summary>The started bot's resident memory now and at its peak (the target is about the whole process, models and all).</summary>
        public (long Now, long Peak)? Memory()
        {
            if (process is null || process.HasExited)
            {
                return null;
            }
            process.Refresh();
            return (process.WorkingSet64, process.PeakWorkingSet64);
        }

        public static async Task<BotUnderTest> StartGmgBotAsync(IConfiguration configuration, CancellationToken cancellationToken)
        {
            var provider = configuration["Bench:Provider"] ?? "Sqlite";
            var folder = Path.Combine(Path.GetTempPath(), "gmgbot-turns-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            var port = FreePort();
            var host = Path.Combine(AppContext.BaseDirectory, "GmgBot.Host.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])[host, "--urls", $"http://127.0.0.1:{port}", $"--Storage:Provider={provider}",
                $"--Storage:DatabasePath={Path.Combine(folder, "gmgbot.db")}", $"--Search:LucenePath={Path.Combine(folder, "index")}",
                $"--Delivery:InstanceId=bench-{port}"])
            {
                start.ArgumentList.Add(argument);
            }
            if (configuration["Bench:ConnectionString"] is { Length: > 0 } connectionString)
            {
                start.ArgumentList.Add($"--Storage:ConnectionString={connectionString}");
            }
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["MicrosoftAppId"] = "";
            var process = Process.Start(start)!;
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var bot = new BotUnderTest($"http://127.0.0.1:{port}/api/messages", $"GmgBot ({provider}, {host})", process, folder);
            using var probe = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    await bot.DisposeAsync();
                    throw new InvalidOperationException($"GmgBot did not become ready:\n{string.Join('\n', log.TakeLast(30))}");
                }
                try
                {
                    if ((await probe.GetAsync($"http://127.0.0.1:{port}/healthz/ready", cancellationToken)).IsSuccessStatusCode)
                    {
                        return bot;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(200, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process?.Dispose();
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
