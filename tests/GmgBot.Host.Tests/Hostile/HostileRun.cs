using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using GmgBot.Core.Tests;
using GmgBot.Protocol.Tests.Support;
using Xunit.Abstractions;

namespace GmgBot.Host.Tests.Hostile;

/// <summary>A test that runs only when <c>variable</c> is set: long measurements, not for every CI run.</summary>
public sealed class ManualFactAttribute : FactAttribute
{
    public ManualFactAttribute(string variable)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            Skip = $"Manual: set {variable} to run it.";
        }
    }
}

/// <summary>
/// The hostile-input run against the running bot (README, "Security model"): the built host as its own process on
/// Kestrel, <c>GMGBOT_HOSTILE_RUN</c> bodies from <see cref="HostileActivities"/> (the CI test's generator), first with a
/// live Bot Connector stand-in, then with a dead one (nothing listens at the serviceUrl). With the live connector no
/// body may get a 5xx (but 501 for an invoke the bot does not implement); with the dead one only gateway statuses
/// (502, 503) besides, each within 10 s. Run with:
/// <c>GMGBOT_HOSTILE_RUN=100000 dotnet test tests/GmgBot.Host.Tests -c Release --filter FullyQualifiedName~HostileRun --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class HostileRun(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [ManualFact("GMGBOT_HOSTILE_RUN")]
    public async Task Hostile_bodies_against_the_running_bot_with_a_live_and_a_dead_connector()
    {
        var count = int.Parse(Environment.GetEnvironmentVariable("GMGBOT_HOSTILE_RUN")!, CultureInfo.InvariantCulture);
        await using var live = await LocalServer.StartConnectorAsync();

        var withLive = await RunAsync("live connector", count, live.BaseAddress.AbsoluteUri, allowed: status => status < 500);
        var withDead = await RunAsync("dead connector", count, $"http://127.0.0.1:{LocalServer.UnusedPort()}/", allowed: status => status < 500 || status is 502 or 503);

        Assert.True(withLive.Problems.IsEmpty, string.Join('\n', withLive.Problems.Take(20)));
        Assert.True(withDead.Problems.IsEmpty, string.Join('\n', withDead.Problems.Take(20)));
        Assert.True(withDead.Slowest <= Limit, $"Slowest answer with a dead connector: {withDead.Slowest}.");
    }

    private async Task<Outcome> RunAsync(string label, int count, string serviceUrl, Func<int, bool> allowed)
    {
        var folder = Directory.CreateTempSubdirectory("gmgbot-hostile-");
        var port = LocalServer.UnusedPort();
        using var bot = StartBot(folder.FullName, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
                Timeout = TimeSpan.FromSeconds(60),
            };
            await WaitUntilHealthyAsync(http, bot);
            var verbs = await VerbsAsync();
            var generator = new HostileActivities(serviceUrl, verbs);
            var outcome = new Outcome();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(generator.Generate(20260311, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (body, cancellationToken) =>
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body.Content);
                content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(body.ContentType);
                using var response = await http.PostAsync("api/messages", content, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started);
                outcome.Record((int)response.StatusCode, elapsed);
                var status = (int)response.StatusCode;
                if (!(allowed(status) || (status == 501 && body.IsInvokeTheBotDoesNotKnow)) || elapsed > Limit)
                {
                    outcome.Problems.Enqueue($"{body} → {status} in {elapsed.TotalSeconds:0.00} s");
                }
            });

            output.WriteLine($"{count:N0} hostile bodies, {label}: "
                + $"{clock.Elapsed.TotalSeconds:0} s ({count / clock.Elapsed.TotalSeconds:0} bodies/s); {outcome.Describe()}; {outcome.Problems.Count} problems.");
            return outcome;
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The verbs the built bot answers, read from a host in this process (the same build).</summary>
    private static async Task<IReadOnlyList<string>> VerbsAsync()
    {
        await using var host = await Support.BotHost.StartAsync();
        return [.. Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<GmgBot.Core.Bot.CardActionRegistry>(host.Services).Verbs];
    }

    private static Process StartBot(string folder, int port)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryPaths.Root, "src", "GmgBot.Host", "bin", configuration, "net10.0", "GmgBot.Host.dll");
        var replay = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["MicrosoftAppId"] = "", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        foreach (var argument in new[]
        {
            dll, "--urls", $"http://127.0.0.1:{port}", $"--Storage:DatabasePath={Path.Combine(folder, "gmgbot.db")}",
            $"--Search:LucenePath={Path.Combine(folder, "index")}", $"--Knowledge:ReplayStartDate={replay}",
            "--Organizers:ObjectIds:0=6b3c0b3e-1111-4d3f-9a41-000000000001", "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, Process bot)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (bot.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {bot.ExitCode} before answering.");
            }

            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The bot did not become healthy within a minute.");
    }

    private sealed class Outcome
    {
        private readonly ConcurrentDictionary<int, int> _statuses = new();
        private readonly ConcurrentBag<double> _milliseconds = [];

        public ConcurrentQueue<string> Problems { get; } = new();

        public TimeSpan Slowest => TimeSpan.FromMilliseconds(_milliseconds.DefaultIfEmpty(0).Max());

        public void Record(int status, TimeSpan elapsed)
        {
            _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }

        public string Describe()
        {
            var sorted = _milliseconds.Order().ToArray();
            double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            return $"statuses {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))}; "
                + $"latency p50 {At(0.5):0} ms, p99 {At(0.99):0} ms, max {Slowest.TotalMilliseconds:0} ms";
        }
    }
}
