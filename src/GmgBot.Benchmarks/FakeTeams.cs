using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace GmgBot.Benchmarks;

/// <summary>
/// A Bot Connector with Teams' limits: every request counts in sliding windows (per conversation and per tenant);
/// one over a limit gets 429 with Retry-After. Of the others, a set share gets an injected 429 or 503.
/// </summary>
public sealed class FakeTeams : IAsyncDisposable
{
    private static readonly (int Limit, TimeSpan Window)[] PerConversation =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30))];
    private static readonly (int Limit, TimeSpan Window) PerTenant = (50, TimeSpan.FromSeconds(1));

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<long>> _conversationLog = [];
    private readonly Queue<long> _tenantLog = new();
    private readonly List<long> _requestTimes = [];
    private readonly ConcurrentQueue<(string Conversation, TimeSpan At)> _accepted = new();
    private readonly Random _random = new(20141016);
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double _faultRate;
    private readonly TimeSpan _latency;
    private string? _lastReport;
    private int _activities;

    private FakeTeams(WebApplication app, double faultRate, TimeSpan latency)
    {
        _app = app;
        _faultRate = faultRate;
        _latency = latency;
    }

    public string ServiceUrl { get; private set; } = "";
    public int Requests { get; private set; }
    public int Throttled { get; private set; }
    public int InjectedTooMany { get; private set; }
    public int InjectedUnavailable { get; private set; }

    public static async Task<FakeTeams> StartAsync(double faultRate, TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var teams = new FakeTeams(app, faultRate, latency);
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext http, string conversationId) => teams.HandleAsync(http, conversationId, post: true));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext http, string conversationId) => teams.HandleAsync(http, conversationId, post: false));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        teams.ServiceUrl = address + "/";
        return teams;
    }

    public IReadOnlyList<(string Conversation, TimeSpan At)> AcceptedBroadcasts() => [.. _accepted];

    public string? LastReport() => _lastReport;

    /// <summary>Requests per second over the busy part of the run (first to last request).</summary>
    public double RequestRate()
    {
        lock (_lock)
        {
            return _requestTimes.Count < 2 ? 0
                : (_requestTimes.Count - 1) / Stopwatch.GetElapsedTime(_requestTimes[0], _requestTimes[^1]).TotalSeconds;
        }
    }

    private async Task<IResult> HandleAsync(HttpContext http, string conversationId, bool post)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var now = Stopwatch.GetTimestamp();
        string? refusal;
        lock (_lock)
        {
            Requests++;
            _requestTimes.Add(now);
            var log = _conversationLog.TryGetValue(conversationId, out var l) ? l : _conversationLog[conversationId] = new Queue<long>();
            var overLimit = Over(_tenantLog, PerTenant, now) || PerConversation.Any(w => Over(log, w, now));
            // Every request counts against the limits, refused or not, as it would at Teams.
            _tenantLog.Enqueue(now);
            log.Enqueue(now);
            var dice = _random.NextDouble();
            refusal = overLimit ? "limit" : dice < _faultRate / 2 ? "429" : dice < _faultRate ? "503" : null;
            switch (refusal)
            {
                case "limit": Throttled++; break;
                case "429": InjectedTooMany++; break;
                case "503": InjectedUnavailable++; break;
            }
        }

        await Task.Delay(_latency);
        if (refusal is not null)
        {
            http.Response.Headers.RetryAfter = "1";
            return Results.Json(new { error = new { code = refusal, message = "Refused by the benchmark's Teams." } },
                statusCode: refusal == "503" ? (int)HttpStatusCode.ServiceUnavailable : (int)HttpStatusCode.TooManyRequests);
        }
        var text = body?["text"]?.GetValue<string>() ?? "";
        if (text.StartsWith("Delivery report", StringComparison.Ordinal))
        {
            _lastReport = text;
        }
        else if (post)
        {
            _accepted.Enqueue((conversationId, Stopwatch.GetElapsedTime(_start, now)));
        }
        return Results.Json(new { id = $"activity-{Interlocked.Increment(ref _activities)}" });
    }

    // Forgets requests older than the longest window and says whether one more would exceed the rule's limit.
    private static bool Over(Queue<long> log, (int Limit, TimeSpan Window) rule, long now)
    {
        var longest = now - (long)(PerConversation.Max(w => w.Window.TotalSeconds) * Stopwatch.Frequency);
        while (log.Count > 0 && log.Peek() <= longest)
        {
            log.Dequeue();
        }
        var horizon = now - (long)(rule.Window.TotalSeconds * Stopwatch.Frequency);
        return log.Count(t => t > horizon) >= rule.Limit;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
