using System.Text.Json;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>GET /v3/teams/{teamId}: a team's name (Teams' TeamDetails).</summary>
public sealed class TeamDetails
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
    public int? ChannelCount { get; set; }
    public int? MemberCount { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>
/// GET /v3/teams/{teamId}/conversations: the team's channels (Teams' ConversationList). The General channel has the
/// team's id and no name.
/// </summary>
public sealed class ConversationList
{
    public IList<ChannelInfo>? Conversations { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}
