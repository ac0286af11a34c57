using System.ComponentModel.DataAnnotations;

namespace GmgBot.Protocol.Connector;

/// <summary>How inbound turns and their calls to the Bot Connector are bounded (configuration section "BotConnector").</summary>
public sealed class BotConnectorOptions
{
    public const string SectionName = "BotConnector";

    /// <summary>Retries of a call the connector answered with 429, 412, 502, 503 or 504, within the turn's time.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; doubled per attempt with jitter. A Retry-After header wins over it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one inbound turn may hold the channel's request, authentication and replies included. Teams gives up
    /// after 15 s; past this the bot answers 503 and the turn is cancelled.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The largest connector response read; a member list page of 500 people is far below it.</summary>
    [Range(4 * 1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = ConnectorClient.DefaultMaxResponseBytes;
}
