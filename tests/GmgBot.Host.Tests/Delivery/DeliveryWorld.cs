using GmgBot.Host.Storage;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Host.Delivery;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>
/// What outlives a bot process in the delivery tests: the SQLite file, the clock (a FakeTimeProvider) and a local
/// Bot Connector stand-in that records what Teams would receive and answers as scripted (429, 503, 403…).
/// Start the bot over it with <see cref="StartBotAsync"/>, as often as a test needs to "restart" it.
/// </summary>
public sealed class DeliveryWorld : IAsyncDisposable
{
    public const string Organizer = "6b3c0b3e-1111-4d3f-9a41-0000000000aa";
    public const string Tenant = "72f988bf-0000-0000-0000-0000000000aa";
    public const string BotId = "28:00000000-0000-0000-0000-00000000b07a";

    /// <summary>The agenda replayed from Thursday 12 March 2026 (New York, EDT): Day 1 opens at 08:00 local, 12:00 UTC.</summary>
    public static readonly DateOnly ReplayStart = new(2026, 3, 12);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> _scripts = new(StringComparer.Ordinal);
    private readonly List<BotProcess> _bots = [];
    private int _activities;

    private DeliveryWorld(string folder) => Folder = folder;

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "gmgbot.db");

    /// <summary>Wednesday 11 March 2026, 12:00 UTC: the day before the replayed event.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 11, 12, 0, 0, TimeSpan.Zero));

    public LocalServer Connector { get; private set; } = null!;

    /// <summary>Moves the clock to an instant. (FakeTimeProvider compares its timers by the ticks of the value set, so it must be UTC.)</summary>
    public void SetClock(DateTimeOffset instant) => Time.SetUtcNow(instant.ToUniversalTime());

    public string ServiceUrl => Connector.BaseAddress.AbsoluteUri;

    public static async Task<DeliveryWorld> CreateAsync()
    {
        var world = new DeliveryWorld(Path.Combine(Path.GetTempPath(), "gmgbot-delivery-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(world.Folder);
        world.Connector = await LocalServer.StartAsync(world.RespondAsync);
        return world;
    }

    /// <summary>Starts the bot on this world's database, clock and connector. The engine only runs when the test calls it, unless <paramref name="engine"/>.</summary>
    public BotProcess StartBot(IDictionary<string, string?>? settings = null, bool engine = false)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:DatabasePath"] = DatabasePath,
            ["MicrosoftAppId"] = string.Empty,
            ["Knowledge:ReplayStartDate"] = ReplayStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Organizers:ObjectIds:0"] = Organizer,
            ["Delivery:Enabled"] = engine ? "true" : "false",
            ["Delivery:InstanceId"] = "test-instance",
            ["Delivery:RetryBaseDelay"] = "00:00:05",
            ["Delivery:ReportInterval"] = "00:00:00",
            ["Search:LucenePath"] = Path.Combine(Folder, "index"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(values));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
        });
        var bot = new BotProcess(this, factory);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>A card or activity part as JSON text with its characters as they are ("—", "“"), for assertions.</summary>
    public static string Json(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The next <paramref name="count"/> requests to a conversation get these answers instead of 200.</summary>
    public void Script(string conversationId, params Func<HttpContext, Task>[] answers)
    {
        var queue = _scripts.GetOrAdd(conversationId, _ => new ConcurrentQueue<Func<HttpContext, Task>>());
        foreach (var answer in answers)
        {
            queue.Enqueue(answer);
        }
    }

    public static Func<HttpContext, Task> Status(HttpStatusCode status, int? retryAfterSeconds = null) => context =>
    {
        context.Response.StatusCode = (int)status;
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return context.Response.WriteAsJsonAsync(new { error = new { code = status.ToString(), message = $"Scripted {(int)status}." } });
    };

    /// <summary>The connection breaks after the request arrived: the bot cannot know whether Teams took the message.</summary>
    public static Func<HttpContext, Task> Drop() => context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>Messages the bot posted to a conversation on its own (not replies to an activity), in order.</summary>
    public IReadOnlyList<Activity> Proactive(string conversationId) =>
        [.. Delivered().Where(d => d.Method == "POST" && d.ConversationId == conversationId && d.ReplyTo is null).Select(d => d.Activity)];

    public IReadOnlyList<(string Method, string ConversationId, string? ReplyTo, string? ActivityId, Activity Activity)> Delivered() =>
        [.. Connector.Requests
            .Where(r => r.Path.StartsWith("/v3/conversations/", StringComparison.Ordinal) && r.Path.Contains("/activities", StringComparison.Ordinal) && r.Body.Length > 0)
            .Select(r =>
            {
                var parts = r.Path.Split('/');
                var conversation = Uri.UnescapeDataString(parts[3]);
                var tail = parts.Length > 5 ? Uri.UnescapeDataString(parts[5]) : null;
                var activity = JsonSerializer.Deserialize<Activity>(r.Body, BotJson.Options)!;
                return (r.Method, conversation, r.Method == "POST" ? tail : null, r.Method == "PUT" ? tail : null, activity);
            })];

    private async Task RespondAsync(HttpContext context, RecordedRequest request)
    {
        var parts = request.Path.Split('/');
        if (parts.Length > 3 && _scripts.TryGetValue(Uri.UnescapeDataString(parts[3]), out var queue) && queue.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }
        if (request.Method == "POST" && request.Path == "/v3/conversations")
        {
            var user = JsonNode.Parse(request.Body)!["members"]![0]!["id"]!.GetValue<string>();
            if (_scripts.TryGetValue("create:" + user, out var createScript) && createScript.TryDequeue(out var createAnswer))
            {
                await createAnswer(context);
                return;
            }
            await context.Response.WriteAsJsonAsync(new { id = "a:created-" + user });
            return;
        }
        await context.Response.WriteAsJsonAsync(new { id = $"activity-{Interlocked.Increment(ref _activities)}" });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }
        await Connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>One run of the bot (a WebApplicationFactory host) in a <see cref="DeliveryWorld"/>.</summary>
public sealed class BotProcess(DeliveryWorld world, WebApplicationFactory<Program> factory) : IAsyncDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private bool _disposed;

    public IServiceProvider Services => factory.Services;

    /// <summary>A client of the host's HTTP endpoints (the agenda tab, the feeds).</summary>
    public HttpClient Client => _client;

    public DeliveryEngine Engine => Services.GetRequiredService<DeliveryEngine>();

    public Outbox Outbox => Services.GetRequiredService<Outbox>();

    /// <summary>The engine's start-up (recovery, reminders brought in line) and one pass over what is due now.</summary>
    public async Task<int> DeliverDueAsync()
    {
        await Engine.StartUpAsync(CancellationToken.None);
        return await Engine.RunDueAsync(CancellationToken.None);
    }

    public async Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        var response = await _client.PostAsync("/api/messages",
            new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        return response;
    }

    /// <summary>An Action.Execute press; returns the invoke response body (statusCode, type, value).</summary>
    public async Task<JsonObject> ExecuteAsync(TeamsUser user, string verb, JsonObject data)
    {
        var response = await PostAsync(user.Execute(world, verb, data));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _client.Dispose();
        await factory.DisposeAsync();
    }
}

/// <summary>A Teams user in a personal chat with the bot, and the activities Teams posts for them.</summary>
public sealed record TeamsUser(string Id, string Name, string AadObjectId, string ConversationId, string? TimeZone = "Europe/London")
{
    public static TeamsUser Ana { get; } = new("29:ana-delegate", "Ana Delegate", "6b3c0b3e-1111-4d3f-9a41-000000000001", "a:personal-ana");

    public static TeamsUser Olu { get; } = new("29:olu-organizer", "Olu Organizer", DeliveryWorld.Organizer, "a:personal-olu");

    public static TeamsUser Delegate(int n) =>
        new($"29:delegate-{n}", $"Delegate {n}", $"6b3c0b3e-2222-4d3f-9a41-{n:D12}", $"a:personal-{n}");

    public JsonObject Message(DeliveryWorld world, string text)
    {
        var activity = Base(world, "message", "1741598102123");
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return activity;
    }

    public JsonObject Submit(DeliveryWorld world, string verb, JsonObject data)
    {
        var activity = Base(world, "message", "1741599041003");
        var value = data.DeepClone().AsObject();
        value["verb"] = verb;
        activity["value"] = value;
        activity["replyToId"] = "card-message-1";
        return activity;
    }

    public JsonObject Execute(DeliveryWorld world, string verb, JsonObject data)
    {
        var activity = Base(world, "invoke", "f:invoke-1");
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "card-message-1";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public JsonObject Install(DeliveryWorld world)
    {
        var activity = Base(world, "installationUpdate", "f:install-" + Id);
        activity["action"] = "add";
        return activity;
    }

    private JsonObject Base(DeliveryWorld world, string type, string id)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = world.Time.GetUtcNow().ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = world.ServiceUrl,
            ["from"] = new JsonObject { ["id"] = Id, ["name"] = Name, ["aadObjectId"] = AadObjectId },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = DeliveryWorld.Tenant, ["id"] = ConversationId },
            ["recipient"] = new JsonObject { ["id"] = DeliveryWorld.BotId, ["name"] = "GmgBot" },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = DeliveryWorld.Tenant } },
            ["locale"] = "en-GB",
        };
        if (TimeZone is not null)
        {
            activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-GB", ["timezone"] = TimeZone });
        }
        return activity;
    }
}
