using System.Text.Json.Nodes;

namespace GmgBot.Core.Cards;

/// <summary>The strings a reader sees on a card (texts, titles, labels, values), in card order.</summary>
public static class CardText
{
    private static readonly HashSet<string> VisibleKeys = ["text", "title", "subtitle", "value", "fallbackText", "speak", "altText", "label", "placeholder"];

    public static IReadOnlyList<string> VisibleStrings(this AdaptiveCard card)
    {
        var strings = new List<string>();
        Collect(card.ToJson(), strings);
        return strings;
    }

    private static void Collect(JsonNode? node, List<string> strings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && VisibleKeys.Contains(key))
                    {
                        strings.Add(s);
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        Collect(value, strings);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, strings);
                }
                break;
        }
    }
}
