using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Tests.Cards;

/// <summary>A card's JSON for assertions: written with its characters as they are ("–", "✓"), and every object in it.</summary>
internal static class CardTree
{
    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(AdaptiveCard card) => Text(card.ToJson());

    public static string Text(JsonNode node) => node.ToJsonString(AsWritten);

    public static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Descendants(p.Value))],
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
