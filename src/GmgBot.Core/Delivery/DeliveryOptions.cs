using System.ComponentModel.DataAnnotations;

namespace GmgBot.Core.Delivery;

/// <summary>How the delivery engine sends (configuration section "Delivery").</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "Delivery";

    /// <summary>Runs the engine in this process. Off: messages are only enqueued (another instance sends them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Names this instance in outbox claims. Must differ between instances sharing one database and stay the same
    /// across restarts of one instance, so that a restarted instance recognises its own unfinished rows at once.
    /// Empty: the machine name.
    /// </summary>
    public string InstanceId { get; set; } = "";

    /// <summary>How long a claim holds; a row whose lease ran out is another instance's to take (or, in flight, to report).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timeout of one connector request; shorter than the lease, so a send in flight never outlives its claim.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests on the wire at once (Teams answers in 100–300 ms, so 50/s needs a dozen or so).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Attempts of a message failing with a retryable status before it goes to the dead letters.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First back-off after 412/502/503/504 (or a 429 without Retry-After); doubled per attempt, jittered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Requests per second per tenant. Teams allows 50 per app per tenant; the default keeps a 2 % margin so that
    /// network jitter does not push a second's count over the limit.
    /// </summary>
    [Range(0.1, 50)]
    public double RequestsPerSecond { get; set; } = 49;

    /// <summary>How often a broadcast's delivery report is updated in place while it sends (and once at the end).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Longest sleep. Empty (the default): the engine sleeps exactly until the next row is due, and messages enqueued
    /// in this process wake it at once. Set it only when several instances share the database, to bound how late one
    /// notices rows another enqueued.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan? MaxIdle { get; set; }

    public string ResolvedInstanceId => string.IsNullOrWhiteSpace(InstanceId) ? Environment.MachineName : InstanceId;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseDuration <= SendTimeout)
        {
            yield return new ValidationResult(
                $"Delivery:LeaseDuration ({LeaseDuration}) must be longer than Delivery:SendTimeout ({SendTimeout}): a send in flight must be over before its lease runs out.",
                [nameof(LeaseDuration), nameof(SendTimeout)]);
        }
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("Delivery:RetryMaxDelay must not be shorter than Delivery:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}
