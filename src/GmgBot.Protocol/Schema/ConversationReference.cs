using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>Everything needed to address a conversation later, e.g. for a proactive message.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? Locale { get; set; }
    public string? ServiceUrl { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// The event activity a proactive turn starts from (the SDK's ContinueConversation event). It carries no id,
    /// so what the turn sends is a new message rather than a reply to an activity that never was.
    /// </summary>
    public Activity GetContinuationActivity()
    {
        var activity = new Activity { Type = ActivityTypes.Event, Name = "ContinueConversation" };
        activity.ApplyConversationReference(this, isIncoming: true);
        return activity;
    }
}
