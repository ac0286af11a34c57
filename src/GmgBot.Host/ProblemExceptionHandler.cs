using GmgBot.Core.Conversation;
using GmgBot.Host.Security;
using GmgBot.Protocol;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace GmgBot.Host;

/// <summary>The one place that turns exceptions into HTTP problem responses (RFC 9457).</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails, TimeProvider time, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    // Refusals and an unreachable connector can come by the thousand; one line per status and minute says enough.
    private readonly LogLimiter _limiter = new(time, TimeSpan.FromMinutes(1));

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            RequestRejectedException rejected => (rejected.StatusCode, rejected.Title, rejected.Message),
            UnauthorizedAccessException => (StatusCodes.Status401Unauthorized, "Unauthorized",
                "The request does not carry a valid Bot Connector token for this bot."),
            ActivityRefusedException refused => (StatusCodes.Status403Forbidden, "Forbidden", refused.Message),
            TurnIncompleteException { StatusCode: TurnIncompleteException.BadGateway } incomplete => (incomplete.StatusCode, "Bad gateway", incomplete.Message),
            TurnIncompleteException incomplete => (incomplete.StatusCode, "Service unavailable", incomplete.Message),
            StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "The bot cannot save that right now. Nothing was changed; please try again in a moment."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", "The caller went away."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "The bot failed to handle the request."),
        };

        var path = RequestLogging.Redact(httpContext.Request.Path);
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "{Method} {Path} failed.", httpContext.Request.Method, path);
        }
        else if (exception is not (UnauthorizedAccessException or ActivityRefusedException) // the protocol logged those, by cause
            && _limiter.TryEnter(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var suppressed))
        {
            logger.Log(status >= 500 ? LogLevel.Warning : LogLevel.Information,
                "{Method} {Path} answered {Status}: {Detail} ({Suppressed} similar answers since the last report).",
                httpContext.Request.Method, path, status, exception.Message, suppressed);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
