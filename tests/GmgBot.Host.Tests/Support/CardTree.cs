using System.Text.Json.Nodes;

namespace GmgBot.Host.Tests.Support;

/// <summary>Every object in a card's JSON, for finding its buttons, rows and inputs.</summary>
internal static class CardTree
{
    public static IEnumerable<JsonObject> Descendants(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Descendants(p.Value))],
        JsonArray a => a.SelectMany(Descendants),
        _ => [],
    };
}
