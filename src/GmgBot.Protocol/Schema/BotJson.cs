using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GmgBot.Protocol.Schema;

/// <summary>
/// The JSON conventions of the Bot Framework wire format: camelCase, nulls left out. Reading is tolerant of values of
/// the wrong shape inside an activity (see <see cref="TolerantReading"/>) and refuses duplicate keys.
/// </summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The channel sends numbers as numbers; accepting strings too would hide malformed input.
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { TolerantReading.Apply } },
        };
        options.MakeReadOnly();
        return options;
    }
}
