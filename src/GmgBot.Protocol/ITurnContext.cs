using System.Security.Claims;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol;

/// <summary>One turn: the inbound activity and the means to answer it.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Who sent the request: the Bot Connector's claims, or an anonymous identity when authentication is off.</summary>
    ClaimsIdentity Identity { get; }

    /// <summary>Per-turn state shared between the parts of a bot (the SDK's TurnState).</summary>
    IDictionary<string, object> TurnState { get; }

    bool Responded { get; }

    /// <summary>Sends to the conversation the turn belongs to, as a reply to the inbound activity.</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IEnumerable<Activity> activities, CancellationToken cancellationToken = default);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);

    /// <summary>The connector of the turn's service URL, for calls beyond replying (members, new conversations).</summary>
    IConnectorClient Connector { get; }
}
