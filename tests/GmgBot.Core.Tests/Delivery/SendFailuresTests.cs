using System.Net;
using GmgBot.Core.Delivery;
using GmgBot.Protocol.Connector;

namespace GmgBot.Core.Tests.Delivery;

/// <summary>Teams' retry rules, and what "at most once" makes of a broken connection.</summary>
public sealed class SendFailuresTests
{
    private static readonly DeliveryOptions Options = new() { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromMinutes(1), MaxAttempts = 4 };

    private static SendOutcome Classify(Exception exception, bool idempotent = false, int attempts = 1) =>
        SendFailures.Classify(exception, idempotent, attempts, Options, new Random(7));

    private static ConnectorException Status(HttpStatusCode status, TimeSpan? retryAfter = null) =>
        new(status, null, $"{(int)status}", retryAfter: retryAfter);

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public void Forbidden_and_not_found_mean_the_recipient_is_unreachable(HttpStatusCode status) =>
        Assert.Equal(OutboxState.Unreachable, Classify(Status(status)).State);

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Statuses_Teams_says_never_to_retry_go_to_the_dead_letters(HttpStatusCode status) =>
        Assert.Equal(OutboxState.Dead, Classify(Status(status)).State);

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Transient_statuses_are_retried_with_exponential_backoff(HttpStatusCode status)
    {
        var first = Assert.IsType<RetryLater>(Classify(Status(status), attempts: 1));
        var third = Assert.IsType<RetryLater>(Classify(Status(status), attempts: 3));

        Assert.InRange(first.Delay, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.4));
        Assert.InRange(third.Delay, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(9.6));
    }

    [Fact]
    public void A_429_waits_at_least_its_Retry_After()
    {
        var retry = Assert.IsType<RetryLater>(Classify(Status(HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7))));

        Assert.InRange(retry.Delay, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(8.4));
    }

    [Fact]
    public void Retries_stop_at_the_attempt_limit_in_the_dead_letters()
    {
        var outcome = Assert.IsType<NotDelivered>(Classify(Status(HttpStatusCode.ServiceUnavailable), attempts: 4));

        Assert.Equal(OutboxState.Dead, outcome.Final);
        Assert.Contains("Gave up after 4 attempts", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_that_never_opened_is_retried_since_nothing_was_sent() =>
        Assert.IsType<RetryLater>(Classify(new HttpRequestException(HttpRequestError.ConnectionError, "refused")));

    [Fact]
    public void A_post_whose_answer_was_lost_is_unconfirmed_not_retried()
    {
        Assert.Equal(OutboxState.Unconfirmed, Classify(new HttpRequestException(HttpRequestError.ResponseEnded, "reset")).State);
        Assert.Equal(OutboxState.Unconfirmed, Classify(new TaskCanceledException("timeout")).State);
    }

    [Fact]
    public void An_idempotent_request_whose_answer_was_lost_is_retried() =>
        Assert.IsType<RetryLater>(Classify(new TaskCanceledException("timeout"), idempotent: true));
}
