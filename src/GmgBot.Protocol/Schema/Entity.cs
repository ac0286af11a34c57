using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>
/// Metadata attached to an activity. Its shape depends on <see cref="Type"/>, so everything but the
/// type stays in <see cref="Properties"/>; <see cref="GetAs{T}"/> reads it as a typed entity.
/// </summary>
public sealed class Entity
{
    public Entity()
    {
    }

    public Entity(string type) => Type = type;

    public string? Type { get; set; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>The entity as <typeparamref name="T"/>; parts of the wrong shape are left null (see <see cref="BotJson"/>).</summary>
    public T GetAs<T>() =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(this, BotJson.Options), BotJson.Options)
        ?? throw new JsonException($"Entity of type '{Type}' could not be read as {typeof(T).Name}.");

    /// <summary>The entity as <typeparamref name="T"/>, or null when it cannot be one (a duplicate key, say).</summary>
    public T? TryGetAs<T>() where T : class
    {
        try
        {
            return GetAs<T>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Entity From<T>(T typed)
    {
        var node = JsonSerializer.SerializeToNode(typed, BotJson.Options);
        return node.Deserialize<Entity>(BotJson.Options)
            ?? throw new JsonException($"{typeof(T).Name} could not be written as an entity.");
    }
}

public static class EntityTypes
{
    public const string Mention = "mention";
    public const string ClientInfo = "clientInfo";
}

/// <summary>An @mention: <see cref="Text"/> is the markup in the message text, e.g. "&lt;at&gt;GmgBot&lt;/at&gt;".</summary>
public sealed class Mention
{
    public string Type { get; set; } = EntityTypes.Mention;
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }
}

/// <summary>What Teams tells about the sending client.</summary>
public sealed class ClientInfo
{
    public string Type { get; set; } = EntityTypes.ClientInfo;
    public string? Locale { get; set; }
    public string? Country { get; set; }
    public string? Platform { get; set; }
    /// <summary>IANA time zone, e.g. "Europe/Berlin".</summary>
    public string? Timezone { get; set; }
}
