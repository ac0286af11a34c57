using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>The value of an adaptiveCard/action invoke (an Action.Execute press or a card refresh).</summary>
public sealed class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }
    public JsonNode? Authentication { get; set; }
    public string? State { get; set; }
    /// <summary>manual (a press) or automatic (a refresh).</summary>
    public string? Trigger { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    /// <summary>Always Action.Execute.</summary>
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }
    /// <summary>The action's data merged with the card's input values by input id.</summary>
    public JsonNode? Data { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The body of the HTTP 200 answer to adaptiveCard/action.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string MessageContentType = "application/vnd.microsoft.activity.message";
    public const string ErrorContentType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }
    public string? Type { get; set; }
    public JsonNode? Value { get; set; }

    /// <summary>Replaces the card the user pressed with <paramref name="card"/>.</summary>
    public static AdaptiveCardInvokeResponse Card(JsonNode card) => new() { StatusCode = 200, Type = CardContentType, Value = card };

    /// <summary>Shows <paramref name="message"/> to the user and leaves the card as it is.</summary>
    public static AdaptiveCardInvokeResponse Message(string message) => new() { StatusCode = 200, Type = MessageContentType, Value = message };

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = ErrorContentType,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
