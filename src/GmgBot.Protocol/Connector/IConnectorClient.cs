using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol.Connector;

/// <summary>The Bot Connector REST API (v3) of one channel service URL.</summary>
public interface IConnectorClient
{
    Uri ServiceUrl { get; }

    /// <summary>POST /v3/conversations/{id}/activities/{replyToId}.</summary>
    Task<ResourceResponse> ReplyToActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations/{id}/activities.</summary>
    Task<ResourceResponse> SendToConversationAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>PUT /v3/conversations/{id}/activities/{activityId}.</summary>
    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    /// <summary>DELETE /v3/conversations/{id}/activities/{activityId}.</summary>
    Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{id}/members.</summary>
    Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{id}/pagedmembers.</summary>
    Task<PagedMembersResult> GetConversationPagedMembersAsync(
        string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>Teams: GET /v3/teams/{teamId}, the team's name.</summary>
    Task<TeamDetails> GetTeamDetailsAsync(string teamId, CancellationToken cancellationToken = default);

    /// <summary>Teams: GET /v3/teams/{teamId}/conversations, the team's channels and their names.</summary>
    Task<IReadOnlyList<ChannelInfo>> GetTeamChannelsAsync(string teamId, CancellationToken cancellationToken = default);
}

public interface IConnectorClientFactory
{
    IConnectorClient Create(string serviceUrl);
}
