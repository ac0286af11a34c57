namespace GmgBot.Host;

/// <summary>The request is unusable as sent (wrong media type, too large, malformed); mapped to a problem response.</summary>
public sealed class RequestRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
