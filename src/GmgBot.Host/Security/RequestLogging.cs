using GmgBot.Host.Calendar;
using Microsoft.AspNetCore.HttpLogging;

namespace GmgBot.Host.Security;

/// <summary>
/// Request logs that never carry a secret: a personal feed link's token is part of its path, so paths are logged
/// redacted. The request log is ASP.NET Core's HTTP logging (category Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware,
/// at Information) with the redacted path; the framework's own lines that quote raw paths (hosting's "Request
/// starting", routing's and Kestrel's debug lines) are held at Warning, over what configuration says for these
/// categories (a rule for a narrower category still wins, as always in .NET logging).
/// </summary>
public static class RequestLogging
{
    private const string RedactedSegment = "[redacted]";

    private static readonly string[] CategoriesQuotingRawPaths =
        ["Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddRedactedRequestLogging(this IServiceCollection services)
    {
        services.AddLogging(logging =>
        {
            foreach (var category in CategoriesQuotingRawPaths)
            {
                logging.AddFilter(category, level => level >= LogLevel.Warning);
            }
        });
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode
                | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RedactingInterceptor>();
        return services;
    }

    /// <summary>The path as it may be logged: the part after a secret prefix (a feed token) replaced.</summary>
    public static string Redact(PathString path) =>
        path.StartsWithSegments(CalendarEndpoints.PersonalFeedsPath, StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue
            ? $"{CalendarEndpoints.PersonalFeedsPath}/{RedactedSegment}"
            : path.Value ?? string.Empty;

    private sealed class RedactingInterceptor : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
        {
            if (logContext.TryDisable(HttpLoggingFields.RequestPath))
            {
                logContext.AddParameter(nameof(HttpRequest.Path), Redact(logContext.HttpContext.Request.Path));
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
