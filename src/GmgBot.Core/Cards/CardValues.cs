using System.Text.Json.Nodes;

namespace GmgBot.Core.Cards;

/// <summary>Reads the values a card sends back with a button press (its data merged with its inputs).</summary>
public static class CardValues
{
    /// <summary>Reads a card value that may arrive as a string (Teams sends inputs as strings) or a number.</summary>
    public static string? Text(JsonObject data, string name) => data[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<long>(out var l) => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => null,
    };

    public static int? Number(JsonObject data, string name) =>
        double.TryParse(Text(data, name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
        && d is >= int.MinValue and <= int.MaxValue && d == Math.Floor(d) ? (int)d : null;
}
