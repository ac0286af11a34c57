using Azure;
using Azure.Identity;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using GmgBot.Core.Search;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Search;

public static class KnowledgeSearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISearchIndex"/> as chosen by <c>Search:Provider</c>: the embedded Lucene index (default)
    /// or Azure AI Search. Settings are validated at start. To change how the Azure client talks to the service
    /// (retries, transport, diagnostics), register a <see cref="SearchClientOptions"/> singleton.
    /// </summary>
    public static IServiceCollection AddKnowledgeSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeSearchOptions>()
            .Bind(configuration.GetSection(KnowledgeSearchOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KnowledgeSearchOptions>, KnowledgeSearchOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISearchIndex>(CreateIndex);
        return services;
    }

    private static ISearchIndex CreateIndex(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        return options.Provider switch
        {
            SearchProvider.Azure => new AzureSearchIndex(
                AzureClient(options, services.GetService<SearchClientOptions>() ?? new SearchClientOptions()),
                options.IndexName,
                services.GetRequiredService<ILogger<AzureSearchIndex>>(),
                time),
            _ => new LuceneSearchIndex(LuceneFolder(options, services.GetService<IHostEnvironment>()), time),
        };
    }

    private static SearchIndexClient AzureClient(KnowledgeSearchOptions options, SearchClientOptions clientOptions)
    {
        var endpoint = new Uri(options.Endpoint!);
        return string.IsNullOrWhiteSpace(options.ApiKey)
            ? new SearchIndexClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
            }), clientOptions)
            : new SearchIndexClient(endpoint, new AzureKeyCredential(options.ApiKey), clientOptions);
    }

    private static string LuceneFolder(KnowledgeSearchOptions options, IHostEnvironment? environment) =>
        Path.GetFullPath(options.LucenePath, environment?.ContentRootPath ?? AppContext.BaseDirectory);
}
