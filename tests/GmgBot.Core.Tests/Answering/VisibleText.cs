using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GmgBot.Core.Answering;

namespace GmgBot.Core.Tests.Answering;

/// <summary>What a Teams user sees of an answer, flattened as ../shared/eval/run_eval.py does, and its matching rules.</summary>
internal static partial class VisibleText
{
    private static readonly HashSet<string> Keys = ["text", "title", "subtitle", "value", "fallbackText", "speak", "altText", "label", "placeholder"];

    public static string Of(Answer answer)
    {
        var parts = new List<string> { answer.Text };
        if (answer.Card is { } card)
        {
            Flatten(card.ToJson(), parts);
        }
        return string.Join(" \n ", parts);
    }

    public static string Normalise(string s) =>
        Spaces().Replace(s.Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-'), " ").Trim().ToLowerInvariant();

    private static void Flatten(JsonNode? node, List<string> parts)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && Keys.Contains(key))
                    {
                        parts.Add(s);
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        Flatten(value, parts);
                    }
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Flatten(item, parts);
                }
                break;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
