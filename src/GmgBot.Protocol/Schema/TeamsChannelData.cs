using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>The Teams-specific part of an activity (activity.channelData on msteams).</summary>
public sealed class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }
    public MeetingInfo? Meeting { get; set; }
    /// <summary>e.g. teamMemberAdded, channelCreated, teamRenamed.</summary>
    public string? EventType { get; set; }
    public TeamsChannelDataSettings? Settings { get; set; }
    public NotificationInfo? Notification { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TenantInfo
{
    public TenantInfo()
    {
    }

    public TenantInfo(string id) => Id = id;

    public string? Id { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class MeetingInfo
{
    public string? Id { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class NotificationInfo
{
    public bool? Alert { get; set; }
    public bool? AlertInMeeting { get; set; }
    public string? ExternalResourceUrl { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}
