using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>Body of POST /v3/conversations: Teams creates (or returns) the 1:1 chat with a user.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public Activity? Activity { get; set; }
    public JsonNode? ChannelData { get; set; }
    public string? TenantId { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>What Teams needs to open a personal chat with a user of a tenant.</summary>
    public static ConversationParameters ForPersonalChat(ChannelAccount bot, ChannelAccount user, string tenantId) => new()
    {
        IsGroup = false,
        Bot = bot,
        Members = [user],
        TenantId = tenantId,
        ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };
}

public sealed class ConversationResourceResponse
{
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Id { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }
}

public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public IList<ChannelAccount>? Members { get; set; }
}

/// <summary>The HTTP body for a request that asked for deliveryMode expectReplies.</summary>
public sealed class ExpectedReplies
{
    public ExpectedReplies()
    {
    }

    public ExpectedReplies(IList<Activity> activities) => Activities = activities;

    public IList<Activity> Activities { get; set; } = [];
}

/// <summary>The error body the Bot Connector returns: {"error": {"code", "message"}}.</summary>
public sealed class ErrorResponse
{
    public ErrorBody? Error { get; set; }
}

public sealed class ErrorBody
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
