using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>A user or bot on a channel. Teams users are "29:…", bots "28:&lt;appId&gt;".</summary>
public sealed class ChannelAccount
{
    public ChannelAccount()
    {
    }

    public ChannelAccount(string id, string? name = null)
    {
        Id = id;
        Name = name;
    }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    /// <summary>Teams: personal, groupChat or channel.</summary>
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public bool? IsGroup { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}
