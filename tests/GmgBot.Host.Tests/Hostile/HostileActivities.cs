using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Hostile;

/// <summary>One body to post: <see cref="Description"/> names its seed, index and mutations, so a failure can be replayed.</summary>
public sealed record HostileBody(string Description, byte[] Content, string ContentType, bool ExpectsReplies, bool IsInvokeTheBotDoesNotKnow)
{
    public override string ToString() => Description;
}

/// <summary>
/// What an attacker or a broken client could post: the recorded Teams activities (Activities/*.json) with values
/// replaced by ones of every JSON shape, removed, duplicated, nested deep, swollen, truncated, or turned into card
/// presses and commands with hostile data for every verb and command the bot has. Seeded, so a run is repeatable.
/// </summary>
public sealed class HostileActivities
{
    private const string RawMarker = "__raw";
    private const string DuplicateMarker = "__dup";
    private const string BotId = "28:00000000-0000-0000-0000-00000000b07a";

    private readonly IReadOnlyList<JsonObject> _recorded;
    private readonly IReadOnlyList<string> _verbs;
    private readonly IReadOnlyList<string> _commands;

    public HostileActivities(string serviceUrl, IEnumerable<string> verbs)
    {
        _recorded = [.. Recorded(serviceUrl).Values];
        _verbs = [.. verbs];
        _commands = [.. BotCommands.All.Select(c => c.Name), "agenda day 2", "who is Gregory", "sdg 10.7", "remind me about the recap session 10 minutes before",
            "cancel all", "calendar feed", "calendar revoke", "calendar today"];
    }

    /// <summary>The verbs of the card buttons the host has registered.</summary>
    public static HostileActivities For(IServiceProvider services, string serviceUrl) =>
        new(serviceUrl, services.GetRequiredService<CardActionRegistry>().Verbs);

    /// <summary>The recorded Teams activities, by file name, addressed to <paramref name="serviceUrl"/>.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Recorded(string serviceUrl) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Activities"), "*.json")
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                file => Path.GetFileNameWithoutExtension(file),
                file => JsonNode.Parse(File.ReadAllText(file).Replace("{{serviceUrl}}", serviceUrl, StringComparison.Ordinal))!.AsObject());

    public IEnumerable<HostileBody> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Next(random, $"seed {seed} #{i}");
        }
    }

    private HostileBody Next(Random random, string name)
    {
        var root = _recorded[random.Next(_recorded.Count)].DeepClone().AsObject();
        var raw = new Dictionary<string, string>();
        var applied = new List<string>();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            applied.Add(Mutate(random, root, raw));
        }

        var expectsReplies = random.Next(2) == 0;
        if (expectsReplies)
        {
            root["deliveryMode"] = "expectReplies";
        }

        // expectReplies wins over an invoke's own answer (Teams never asks for both).
        var isOtherInvoke = Text(root["type"]) == "invoke" && Text(root["name"]) != "adaptiveCard/action" && !expectsReplies;
        var json = root.ToJsonString();
        foreach (var (marker, text) in raw)
        {
            json = json.Replace($"\"{marker}\"", text, StringComparison.Ordinal);
        }

        json = json.Replace($"\"{DuplicateMarker}", "\"", StringComparison.Ordinal);
        var content = Encoding.UTF8.GetBytes(json);
        switch (random.Next(200))
        {
            case 0:
                content = content[..random.Next(content.Length)];
                applied.Add("truncated");
                break;
            case 1:
                random.NextBytes(content);
                applied.Add("random bytes");
                break;
        }

        var contentType = random.Next(50) == 0 ? "application/json; charset=utf-8" : "application/json";
        return new HostileBody($"{name}: {string.Join("; ", applied)}", content, contentType, expectsReplies, isOtherInvoke);
    }

    private string Mutate(Random random, JsonObject root, Dictionary<string, string> raw)
    {
        var places = Places(root).ToList();
        var (parent, key, path) = places[random.Next(places.Count)];
        switch (random.Next(100))
        {
            case < 40:
                var value = Value(random, raw, depth: 0);
                Set(parent, key, value);
                return $"{path} = {Show(value, raw)}";
            case < 55:
                Remove(parent, key);
                return $"{path} removed";
            case < 62:
                var objects = places.Select(p => p.Parent).OfType<JsonObject>().Distinct().ToList();
                var target = objects[random.Next(objects.Count)];
                if (target.Count == 0)
                {
                    return "no duplicate (empty object)";
                }

                var duplicated = target.ElementAt(random.Next(target.Count)).Key;
                target[DuplicateMarker + duplicated] = Value(random, raw, depth: 0);
                return $"duplicate key {duplicated}";
            case < 70:
                var entities = root["entities"] as JsonArray ?? [];
                root["entities"] = entities;
                entities.Add(random.Next(2) == 0
                    ? new JsonObject { ["type"] = "mention", ["mentioned"] = Value(random, raw, 1), ["text"] = Value(random, raw, 1) }
                    : new JsonObject { ["type"] = "clientInfo", ["locale"] = Value(random, raw, 1), ["timezone"] = Value(random, raw, 1), ["country"] = Value(random, raw, 1) });
                return "hostile entity";
            case < 80:
                root["type"] = "message";
                root.Remove("text");
                root["value"] = Submitted(random, raw);
                return $"submit {root["value"]!["verb"]}";
            case < 88:
                root["type"] = "message";
                root["text"] = (random.Next(3) == 0 ? $"<at>GmgBot</at> " : "") + _commands[random.Next(_commands.Count)]
                    + (random.Next(2) == 0 ? " " + Text(Value(random, raw, 2)) : "");
                return $"text {root["text"]}";
            case < 94:
                root["type"] = "invoke";
                root["name"] = "adaptiveCard/action";
                var data = Submitted(random, raw);
                root["value"] = new JsonObject
                {
                    ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]?.DeepClone(), ["data"] = data },
                    ["trigger"] = random.Next(4) == 0 ? Value(random, raw, 1) : "manual",
                };
                return $"execute {data["verb"]}";
            case < 97:
                var marker = $"{RawMarker}{raw.Count}";
                var depth = random.Next(10, 120);
                raw[marker] = new string('[', depth) + new string(']', depth);
                Set(parent, key, marker);
                return $"{path} nested {depth} deep";
            default:
                Set(parent, key, new string((char)('a' + random.Next(26)), random.Next(1_000, 300_000)));
                return $"{path} swollen";
        }
    }

    /// <summary>A card's submitted value: a verb the bot knows (or not) with the data fields the cards use, hostile.</summary>
    private JsonObject Submitted(Random random, Dictionary<string, string> raw)
    {
        var value = new JsonObject
        {
            ["verb"] = random.Next(10) == 0 ? Value(random, raw, 1) : _verbs[random.Next(_verbs.Count)],
        };
        foreach (var field in new[] { "sessionId", "session", "lead", "leadMinutes", "what", "audience", "when", "day", "time", "broadcastId", "conversationId", "reminderId", "sessionIds", "text" })
        {
            if (random.Next(3) == 0)
            {
                value[field] = Value(random, raw, 1);
            }
        }

        return value;
    }

    private JsonNode? Value(Random random, Dictionary<string, string> raw, int depth)
    {
        switch (random.Next(depth < 3 ? 40 : 34))
        {
            case 0: return null;
            case 1: return true;
            case 2: return 0;
            case 3: return -1;
            case 4: return long.MaxValue;
            case 5: return 1.5;
            case 6: return RawValue(random.Next(2) == 0 ? "1e400" : "-0.0e-999", raw);
            case 7: return "";
            case 8: return " ";
            case 9: return "x";
            case 10: return "<at>GmgBot</at>";
            case 11: return "🙂ā\u200B\u0000\u202E";
            case 12: return RawValue("\"\\ud800 lone surrogate\"", raw);
            case 13: return "../../../../etc/passwd";
            case 14: return "https://attacker.example/";
            case 15: return new string('w', random.Next(100, 5_000));
            case 16: return "msteams";
            case 17: return "invoke";
            case 18: return "adaptiveCard/action";
            case 19: return "29:1aYhYyVZqnT-personal-user";
            case 20: return BotId;
            case 21: return Guid.NewGuid().ToString();
            case 22: return random.Next(2) == 0 ? "Europe/London" : "Mars/Olympus_Mons";
            case 23: return "xx-YY-zzzzzzzz";
            case 24: return "2026-13-45T99:99:99Z";
            case 25: return _verbs[random.Next(_verbs.Count)];
            case 26: return _commands[random.Next(_commands.Count)];
            case 27: return random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture);
            case 28: return new JsonArray();
            case 29: return new JsonArray((JsonNode?)null);
            case 30: return "d1-decent-work";
            case 31: return "d2-recap";
            case 32: return random.Next(-100, 3000);
            case 33: return "expectReplies";
            case 34: return new JsonObject();
            case 35: return new JsonObject { ["id"] = Value(random, raw, depth + 1), ["name"] = Value(random, raw, depth + 1), ["aadObjectId"] = Value(random, raw, depth + 1) };
            case 36: return new JsonArray(Value(random, raw, depth + 1), Value(random, raw, depth + 1), null);
            case 37: return new JsonObject { ["type"] = Value(random, raw, depth + 1), ["id"] = Value(random, raw, depth + 1) };
            case 38: return new JsonObject { [DuplicateMarker + "id"] = Value(random, raw, depth + 1), ["id"] = Value(random, raw, depth + 1) };
            default: return new JsonObject { ["tenant"] = Value(random, raw, depth + 1), ["id"] = Value(random, raw, depth + 1) };
        }
    }

    private static JsonNode RawValue(string text, Dictionary<string, string> raw)
    {
        var marker = $"{RawMarker}{raw.Count}";
        raw[marker] = text;
        return marker;
    }

    /// <summary>Every value in the tree, with its parent and the key (property name or array index) it sits under.</summary>
    public static IEnumerable<(JsonNode Parent, object Key, string Path)> Places(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? name : $"{path}/{name}";
                    yield return (obj, name, childPath);
                    if (child is not null)
                    {
                        foreach (var place in Places(child, childPath))
                        {
                            yield return place;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i, $"{path}/{i}");
                    if (array[i] is { } child)
                    {
                        foreach (var place in Places(child, $"{path}/{i}"))
                        {
                            yield return place;
                        }
                    }
                }

                break;
        }
    }

    public static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonArray array)
        {
            array[(int)key] = value;
        }
        else
        {
            parent.AsObject()[(string)key] = value;
        }
    }

    private static void Remove(JsonNode parent, object key)
    {
        if (parent is JsonArray array)
        {
            array.RemoveAt((int)key);
        }
        else
        {
            parent.AsObject().Remove((string)key);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Show(JsonNode? value, Dictionary<string, string> raw)
    {
        var text = value?.ToJsonString() ?? "null";
        foreach (var (marker, rawText) in raw)
        {
            text = text.Replace($"\"{marker}\"", rawText, StringComparison.Ordinal);
        }

        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
