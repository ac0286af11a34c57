using System.Text.Json;
using System.Text.Json.Serialization;

namespace GmgBot.Protocol.Schema;

/// <summary>The JSON conventions of the Bot Framework wire format: camelCase, nulls left out.</summary>
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
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
