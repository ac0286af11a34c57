using Azure.Search.Documents;
using GmgBot.Core.Search;
using GmgBot.Host.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Tests.Search;

public sealed class KnowledgeSearchRegistrationTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), $"gmgbot-search-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Without_settings_the_index_is_lucene_under_the_content_root_data_folder()
    {
        await using var services = Services([]);

        var index = services.GetRequiredService<ISearchIndex>();

        Assert.IsType<LuceneSearchIndex>(index);
        Assert.True((await index.EnsureCurrentAsync(TestKnowledge.Corpus())).Rebuilt);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_contentRoot, "data", "index")).Any());
    }

    [Fact]
    public async Task Lucene_path_setting_moves_the_index_folder()
    {
        await using var services = Services(new() { ["Search:LucenePath"] = "elsewhere" });

        await services.GetRequiredService<ISearchIndex>().EnsureCurrentAsync(TestKnowledge.Corpus());

        Assert.True(Directory.EnumerateFiles(Path.Combine(_contentRoot, "elsewhere")).Any());
    }

    [Fact]
    public async Task Azure_provider_talks_to_the_configured_service_and_index_with_the_configured_key()
    {
        await using var fake = await FakeSearchService.StartAsync();
        await using var services = Services(new()
        {
            ["Search:Provider"] = "Azure",
            ["Search:Endpoint"] = fake.Endpoint.ToString(),
            ["Search:IndexName"] = "knowledge-test",
            ["Search:ApiKey"] = FakeSearchService.ApiKey,
        }, FakeSearchService.ClientOptions());

        var index = Assert.IsType<AzureSearchIndex>(services.GetRequiredService<ISearchIndex>());
        var status = await index.EnsureCurrentAsync(TestKnowledge.Corpus());

        Assert.True(status.Rebuilt);
        Assert.Equal("knowledge-test", index.IndexName);
        Assert.NotNull(fake.Index("knowledge-test"));
        Assert.All(fake.Requests, r => Assert.Equal(FakeSearchService.ApiKey, r.Headers["api-key"]));
    }

    [Fact]
    public async Task Azure_provider_without_a_key_signs_in_with_microsoft_entra_id_instead()
    {
        await using var services = Services(new()
        {
            ["Search:Provider"] = "Azure",
            ["Search:Endpoint"] = "https://gmgbot.search.windows.net",
            ["Search:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        // Creating the client contacts nothing; the credential is asked for a token on the first request.
        var index = Assert.IsType<AzureSearchIndex>(services.GetRequiredService<ISearchIndex>());

        Assert.Equal("gmgbot-knowledge", index.IndexName);
    }

    [Theory]
    [InlineData("Azure", null, null, null, null, "Search:Endpoint is required")]
    [InlineData("Azure", "gmgbot.search.windows.net", null, null, null, "Search:Endpoint must be an absolute https URL")]
    [InlineData("Azure", "http://127.0.0.1:8080", null, null, null, "Search:Endpoint must be an absolute https URL")]
    [InlineData("Azure", "http://gmgbot.search.windows.net", null, null, null, "Search:Endpoint must be an absolute https URL")]
    [InlineData("Azure", "https://gmgbot.search.windows.net", "Knowledge_Index", null, null, "Search:IndexName 'Knowledge_Index' is not a valid")]
    [InlineData("Azure", "https://gmgbot.search.windows.net", "double--dash", null, null, "Search:IndexName 'double--dash'")]
    [InlineData("Azure", "https://gmgbot.search.windows.net", "x", null, null, "Search:IndexName 'x'")]
    [InlineData("Azure", "https://gmgbot.search.windows.net", null, " ", null, "Search:ApiKey is blank")]
    [InlineData("Azure", "https://gmgbot.search.windows.net", null, "key", "client-id", "Search:ApiKey and Search:ManagedIdentityClientId are exclusive")]
    public void Invalid_azure_settings_fail_at_start_naming_the_setting(string provider, string? endpoint, string? indexName, string? apiKey, string? clientId, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Search:Provider"] = provider,
            ["Search:Endpoint"] = endpoint,
            ["Search:ApiKey"] = apiKey,
            ["Search:ManagedIdentityClientId"] = clientId,
        };
        if (indexName is not null)
        {
            settings["Search:IndexName"] = indexName;
        }
        using var services = Services(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://gmgbot.search.windows.net", "gmgbot-knowledge")]
    [InlineData("https://127.0.0.1:5001/", "k2")]
    public void Valid_azure_settings_pass(string endpoint, string indexName)
    {
        using var services = Services(new()
        {
            ["Search:Provider"] = "Azure",
            ["Search:Endpoint"] = endpoint,
            ["Search:IndexName"] = indexName,
            ["Search:ApiKey"] = "key",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(indexName, services.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value.IndexName);
    }

    [Fact]
    public void Lucene_needs_a_folder()
    {
        using var services = Services(new() { ["Search:LucenePath"] = " " });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("Search:LucenePath", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_provider_is_reported_with_its_setting()
    {
        using var services = Services(new() { ["Search:Provider"] = "Elastic" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value);

        Assert.Contains("Search:Provider", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings, SearchClientOptions? clientOptions = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IHostEnvironment>(new Environment(_contentRoot));
        if (clientOptions is not null)
        {
            services.AddSingleton(clientOptions);
        }
        return services.AddKnowledgeSearch(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "GmgBot.Host.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
