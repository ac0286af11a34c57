using System.Net;

namespace GmgBot.Protocol.Connector;

/// <summary>
/// The Bot Connector refused a call (after any retries). <see cref="StatusCode"/> tells callers what to do:
/// 403/404 mean the bot can no longer reach that conversation, 413 that the message is too large.
/// </summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string? errorCode, string message, string? responseBody = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? ErrorCode { get; } = errorCode;
    public string? ResponseBody { get; } = responseBody;

    /// <summary>How long the channel asked the bot to wait (Retry-After of a 429 or 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The conversation or user is gone or has blocked or removed the bot: retrying will not help.</summary>
    public bool IsRecipientUnreachable => StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
}
