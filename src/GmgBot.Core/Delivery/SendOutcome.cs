using System.Net;
using GmgBot.Protocol.Connector;

namespace GmgBot.Core.Delivery;

/// <summary>What became of one attempt to deliver an outbox row.</summary>
public abstract record SendOutcome(OutboxState State, string? Error);

public sealed record Delivered(string ConversationId, string? ActivityId) : SendOutcome(OutboxState.Sent, null);

/// <summary>Not accepted this time, and Teams' rules say to try again after <see cref="Delay"/>.</summary>
public sealed record RetryLater(TimeSpan Delay, string Reason) : SendOutcome(OutboxState.Pending, Reason);

public sealed record NotDelivered(OutboxState Final, string Reason) : SendOutcome(Final, Reason);

/// <summary>
/// Teams' retry rules applied to one failed request: 429 after Retry-After; 412, 502, 503, 504 with exponential
/// back-off; 403/404 mean the recipient is gone; 400, 401, 413 and 500 are final. A broken connection before the
/// request was sent is retried; one that broke after it may have been sent, so a non-idempotent POST is reported
/// unconfirmed rather than sent twice.
/// </summary>
public static class SendFailures
{
    /// <param name="exception">What the connector call threw.</param>
    /// <param name="idempotent">The request may be repeated safely (PUT, conversation creation, fan-out).</param>
    /// <param name="attempts">Attempts made so far, this one included.</param>
    public static SendOutcome Classify(Exception exception, bool idempotent, int attempts, DeliveryOptions options, Random random)
    {
        SendOutcome outcome = exception switch
        {
            ConnectorException { IsRecipientUnreachable: true } ce => new NotDelivered(OutboxState.Unreachable, Describe(ce)),
            ConnectorException { StatusCode: HttpStatusCode.TooManyRequests } ce =>
                new RetryLater(ce.RetryAfter is { } after ? after + Jitter(after, random) : Backoff(attempts, options, random), Describe(ce)),
            ConnectorException { StatusCode: HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } ce =>
                new RetryLater(ce.RetryAfter ?? Backoff(attempts, options, random), Describe(ce)),
            ConnectorException ce => new NotDelivered(OutboxState.Dead, Describe(ce)),
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError } hre =>
                new RetryLater(Backoff(attempts, options, random), $"Could not connect: {hre.Message}"),
            HttpRequestException or TimeoutException or TaskCanceledException or IOException when idempotent =>
                new RetryLater(Backoff(attempts, options, random), $"No answer: {exception.Message}"),
            HttpRequestException or TimeoutException or TaskCanceledException or IOException =>
                new NotDelivered(OutboxState.Unconfirmed, $"The request may have reached Teams, but no answer came back ({exception.Message}); not resent automatically."),
            _ => new NotDelivered(OutboxState.Dead, $"{exception.GetType().Name}: {exception.Message}"),
        };

        return outcome is RetryLater retry && attempts >= options.MaxAttempts
            ? new NotDelivered(OutboxState.Dead, $"Gave up after {attempts} attempts: {retry.Reason}")
            : outcome;
    }

    public static TimeSpan Backoff(int attempts, DeliveryOptions options, Random random)
    {
        var exponential = options.RetryBaseDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        var delay = exponential < options.RetryMaxDelay ? exponential : options.RetryMaxDelay;
        return delay + Jitter(delay, random);
    }

    // Up to a fifth more, so that messages refused together do not come back together.
    private static TimeSpan Jitter(TimeSpan delay, Random random) => delay * (random.NextDouble() * 0.2);

    private static string Describe(ConnectorException exception) => $"{(int)exception.StatusCode} {exception.StatusCode}: {exception.Message}";
}
