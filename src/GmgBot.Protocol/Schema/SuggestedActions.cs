using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>
/// Buttons shown under a message until the user answers (activity.suggestedActions). Teams shows them in 1:1 chats
/// only, and only imBack actions: pressing one sends its value as the user's message.
/// </summary>
public sealed class SuggestedActions
{
    /// <summary>The users (channel ids, "29:…") who see them.</summary>
    public IList<string>? To { get; set; }
    public IList<SuggestedAction>? Actions { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>imBack buttons that send their own title, shown to <paramref name="userId"/>.</summary>
    public static SuggestedActions ImBack(string userId, IEnumerable<string> texts) => new()
    {
        To = [userId],
        Actions = [.. texts.Select(t => new SuggestedAction { Type = ActionTypes.ImBack, Title = t, Value = t })],
    };
}

/// <summary>
/// A Bot Framework card action of suggested actions (the SDK's CardAction; named apart from the Adaptive Card actions
/// of GmgBot.Core.Cards, which most files that build replies also use).
/// </summary>
public sealed class SuggestedAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    /// <summary>Sends its value to the bot as an invoke (a message extension result's tap: composeExtension/selectItem).</summary>
    public const string Invoke = "invoke";
}
