namespace GmgBot.Protocol;

/// <summary>
/// The turn could not be completed because of something beyond the bot: the Bot Connector refused or could not be
/// reached (<see cref="BadGateway"/>), or the turn ran out of the time the channel waits (<see cref="Unavailable"/>).
/// </summary>
public sealed class TurnIncompleteException(int statusCode, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public const int BadGateway = 502;
    public const int Unavailable = 503;

    public int StatusCode { get; } = statusCode;
}
