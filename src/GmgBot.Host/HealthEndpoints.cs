using System.Text.Json;
using GmgBot.Core.Agenda;
using GmgBot.Core.Search;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GmgBot.Host;

/// <summary>
/// Health that tells the truth. <c>/healthz/live</c>: the process answers (restart it if not). <c>/healthz/ready</c>
/// (and <c>/healthz</c>, its older name): the bot can serve a turn now — the database can be read and written within
/// its short timeout, the knowledge is loaded and the search index answers — so a load balancer (App Service's health
/// check) sends traffic only to instances that can keep what users ask them to keep.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddBotHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KnowledgeHealthCheck>("knowledge", tags: [ReadyTag])
            .AddCheck<SearchIndexHealthCheck>("search-index", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks("/healthz/ready", ready);
        endpoints.MapHealthChecks("/healthz", ready);
        return endpoints;
    }

    // Each check's status and description, never exception details: the endpoint is anonymous.
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>Ready once the knowledge has been loaded and validated.</summary>
public sealed class KnowledgeHealthCheck(IKnowledgeSource knowledge) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"{knowledge.Current.Knowledge.Sessions.Count} sessions loaded."));
        }
        catch (InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The knowledge has not been loaded yet."));
        }
    }
}

/// <summary>Ready when the search index answers a query (Lucene: built and open; Azure AI Search: reachable).</summary>
public sealed class SearchIndexHealthCheck(ISearchIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await index.SearchAsync(new SearchRequest("agenda", Top: 1), cancellationToken);
            return HealthCheckResult.Healthy("The search index answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The search index cannot be queried.", ex);
        }
    }
}
