using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>
/// A Bot Framework v3 activity: every field Teams sends, with anything this model does not name kept in
/// <see cref="Properties"/> so that reading and writing an activity loses nothing.
/// Mutable like the SDK's Activity, because replies are built and then addressed step by step.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public JsonArray? ReactionsAdded { get; set; }
    public JsonArray? ReactionsRemoved { get; set; }
    public string? TopicName { get; set; }
    public bool? HistoryDisclosed { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public JsonNode? SuggestedActions { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }
    public JsonNode? ChannelData { get; set; }
    /// <summary>installationUpdate: add, remove, add-upgrade, remove-upgrade.</summary>
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    public JsonNode? Value { get; set; }
    /// <summary>Invoke and event activities: the operation, e.g. "adaptiveCard/action".</summary>
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }
    public JsonArray? ListenFor { get; set; }
    public JsonArray? TextHighlights { get; set; }
    public JsonNode? SemanticAction { get; set; }
    public string? CallerId { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    public static Activity CreateMessageActivity(string? text = null) => new() { Type = ActivityTypes.Message, Text = text };

    public static Activity CreateTypingActivity() => new() { Type = ActivityTypes.Typing };
}
