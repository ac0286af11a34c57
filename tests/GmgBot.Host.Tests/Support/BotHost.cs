using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Host.Storage;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Support;

/// <summary>
/// The real host (WebApplicationFactory over Program) with a database of its own (a temporary SQLite file, or a
/// schema on the test PostgreSQL server), fast connector retries, and a local Kestrel server standing in for the
/// Teams Bot Connector at the activities' serviceUrl.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BotHost(LocalServer connector, TestDatabase database, IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        Connector = connector;
        Database = database;
        var values = new Dictionary<string, string?>(database.Settings)
        {
            ["BotConnector:RetryBaseDelay"] = "00:00:00.010",
            ["MicrosoftAppId"] = string.Empty,
            ["Embeddings:CachePath"] = TestMeaning.VectorFolder,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(values));
            builder.ConfigureTestServices(services =>
            {
                if (values.GetValueOrDefault("Embeddings:Provider") is null or "Local")
                {
                    TestMeaning.Share(services);
                }
                configureServices?.Invoke(services);
            });
        });
        Client = _factory.CreateClient();
    }

    public LocalServer Connector { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The database the host runs on.</summary>
    public TestDatabase Database { get; }

    public string ServiceUrl => Connector.BaseAddress.AbsoluteUri;

    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="configureServices">Registrations a later feature would add (verbs, command handlers, fakes).</param>
    /// <param name="provider">The database provider (PostgreSQL: the calling test is skipped when no server is configured).</param>
    /// <param name="configureStorage">Storage settings of the test (a short command timeout, a size cap).</param>
    public static async Task<BotHost> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null,
        StorageProvider provider = StorageProvider.Sqlite, Action<StorageOptions>? configureStorage = null)
    {
        var database = await TestDatabase.CreateAsync(provider, TimeProvider.System, configure: configureStorage);
        return new BotHost(await LocalServer.StartConnectorAsync(), database, settings ?? new Dictionary<string, string?>(), configureServices);
    }

    /// <summary>A recorded Teams activity (Activities/*.json) addressed to this host's connector stand-in.</summary>
    public JsonObject LoadActivity(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Activities", name + ".json"))
            .Replace("{{serviceUrl}}", ServiceUrl, StringComparison.Ordinal))!.AsObject();

    public Task<HttpResponseMessage> PostAsync(JsonNode activity, string? authorization = null) =>
        PostRawAsync(activity.ToJsonString(), "application/json", authorization);

    public Task<HttpResponseMessage> PostRawAsync(string body, string contentType, string? authorization = null) =>
        PostBytesAsync(Encoding.UTF8.GetBytes(body), contentType, authorization);

    public Task<HttpResponseMessage> PostBytesAsync(byte[] body, string contentType, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return Client.SendAsync(request);
    }

    /// <summary>The activities the bot sent to the connector so far, in order.</summary>
    public IReadOnlyList<(RecordedRequest Request, Activity Activity)> SentActivities() =>
        Connector.Requests
            .Where(r => r.Method is "POST" or "PUT")
            .Select(r => (r, JsonSerializer.Deserialize<Activity>(r.Body, BotJson.Options)!))
            .ToList();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
        await Database.DisposeAsync();
    }
}
