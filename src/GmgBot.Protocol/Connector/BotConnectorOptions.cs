using System.ComponentModel.DataAnnotations;

namespace GmgBot.Protocol.Connector;

/// <summary>How calls to the Bot Connector are retried (configuration section "BotConnector").</summary>
public sealed class BotConnectorOptions
{
    public const string SectionName = "BotConnector";

    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; doubled per attempt with jitter. A Retry-After header wins over it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
