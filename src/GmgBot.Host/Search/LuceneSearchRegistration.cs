using GmgBot.Core.Search;

namespace GmgBot.Host.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>The embedded Lucene index under Search:LucenePath (default data/index under the content root).</summary>
    public static IServiceCollection AddKnowledgeSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ISearchIndex>(sp =>
        {
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new LuceneSearchIndex(Path.GetFullPath(configuration["Search:LucenePath"] ?? "data/index", root), sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
