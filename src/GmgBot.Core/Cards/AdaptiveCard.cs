using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GmgBot.Core.Cards;

// A typed subset of the Adaptive Card 1.5 schema, the highest version Teams renders for bots.
// Written by hand because the C# AdaptiveCards package is not available here; every card the
// bot sends is built from these types and checked by the official JS parser in CI.

public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    [JsonPropertyName("type")] public string Type => "AdaptiveCard";
    [JsonPropertyName("$schema")] public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";
    public string Version { get; init; } = SchemaVersion;
    public IReadOnlyList<CardElement> Body { get; init; } = [];
    public IReadOnlyList<CardAction>? Actions { get; init; }
    public string? FallbackText { get; init; }
    public string? Speak { get; init; }
    public CardRefresh? Refresh { get; init; }
    [JsonPropertyName("msteams")] public TeamsCardProperties? Teams { get; init; } = new();

    public JsonObject ToJson() => (JsonObject)JsonSerializer.SerializeToNode(this, CardJson.Options)!;
}

public sealed record TeamsCardProperties
{
    public string Width { get; init; } = "Full";
}

public sealed record CardRefresh
{
    [JsonConverter(typeof(ActionConverter<ActionExecute>))] public required ActionExecute Action { get; init; }
    public IReadOnlyList<string>? UserIds { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(InputText), "Input.Text")]
[JsonDerivedType(typeof(InputNumber), "Input.Number")]
[JsonDerivedType(typeof(InputDate), "Input.Date")]
[JsonDerivedType(typeof(InputTime), "Input.Time")]
[JsonDerivedType(typeof(InputChoiceSet), "Input.ChoiceSet")]
[JsonDerivedType(typeof(InputToggle), "Input.Toggle")]
public abstract record CardElement
{
    public string? Id { get; init; }
    public CardSpacing? Spacing { get; init; }
    public bool? Separator { get; init; }
    public bool? IsVisible { get; init; }
}

public enum CardSpacing { None, Small, Default, Medium, Large, ExtraLarge, Padding }
public enum TextSize { Small, Default, Medium, Large, ExtraLarge }
public enum TextWeight { Lighter, Default, Bolder }
public enum TextColor { Default, Dark, Light, Accent, Good, Warning, Attention }
public enum ContainerStyle { Default, Emphasis, Good, Attention, Warning, Accent }
public enum TextBlockStyle { Default, Heading }
public enum ActionStyle { Default, Positive, Destructive }
public enum ActionMode { Primary, Secondary }

public sealed record TextBlock(string Text) : CardElement
{
    public bool? Wrap { get; init; } = true;
    public TextSize? Size { get; init; }
    public TextWeight? Weight { get; init; }
    public TextColor? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public TextBlockStyle? Style { get; init; }
    public int? MaxLines { get; init; }
}

/// <summary>Text whose parts differ in weight or colour ("Now" in the accent colour, then the room).</summary>
public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : CardElement;

public sealed record TextRun(string Text)
{
    [JsonPropertyName("type")] public string Type => "TextRun";
    public TextSize? Size { get; init; }
    public TextWeight? Weight { get; init; }
    public TextColor? Color { get; init; }
    public bool? IsSubtle { get; init; }
}

public sealed record Fact(string Title, string Value);

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public ContainerStyle? Style { get; init; }
    public CardAction? SelectAction { get; init; }
    /// <summary>The container's background reaches the card's edges.</summary>
    public bool? Bleed { get; init; }
}

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    [JsonPropertyName("type")] public string Type => "Column";
    /// <summary>"auto", "stretch" or a relative weight such as "2".</summary>
    public string? Width { get; init; }
    public string? VerticalContentAlignment { get; init; }
    public CardSpacing? Spacing { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;

public sealed record InputText : CardElement
{
    public string? Label { get; init; }
    public string? Placeholder { get; init; }
    public string? Value { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record InputNumber : CardElement
{
    public string? Label { get; init; }
    public double? Value { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record InputDate : CardElement
{
    public string? Label { get; init; }
    /// <summary>yyyy-MM-dd.</summary>
    public string? Value { get; init; }
    public bool? IsRequired { get; init; }
}

public sealed record InputTime : CardElement
{
    public string? Label { get; init; }
    /// <summary>HH:mm.</summary>
    public string? Value { get; init; }
    public bool? IsRequired { get; init; }
}

public sealed record Choice(string Title, string Value);

public sealed record InputChoiceSet(IReadOnlyList<Choice> Choices) : CardElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    /// <summary>"compact" or "expanded".</summary>
    public string? Style { get; init; }
    public bool? IsMultiSelect { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
    /// <summary>Long choice titles wrap instead of being cut (expanded and multi-select styles).</summary>
    public bool? Wrap { get; init; }
}

public sealed record InputToggle(string Title) : CardElement
{
    public string? Label { get; init; }
    public string? Value { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
[JsonDerivedType(typeof(ActionToggleVisibility), "Action.ToggleVisibility")]
public abstract record CardAction
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public ActionStyle? Style { get; init; }
    /// <summary>Secondary actions go to the card's "…" menu where the host has one; older hosts show them as buttons.</summary>
    public ActionMode? Mode { get; init; }
}

/// <summary>Arrives at the bot as a message whose value is <see cref="Data"/> merged with the card's inputs.</summary>
public sealed record ActionSubmit : CardAction
{
    public JsonObject? Data { get; init; }
}

/// <summary>Arrives as an adaptiveCard/action invoke; Teams needs a Submit fallback for older clients.</summary>
public sealed record ActionExecute : CardAction
{
    public required string Verb { get; init; }
    public JsonObject? Data { get; init; }
    [JsonConverter(typeof(ActionConverter<CardAction>))] public CardAction? Fallback { get; init; }
}

public sealed record ActionOpenUrl(string Url) : CardAction;

public sealed record ActionShowCard(AdaptiveCard Card) : CardAction;

/// <summary>Shows or hides elements of the card in place (details on demand), without a round trip to the bot.</summary>
public sealed record ActionToggleVisibility(IReadOnlyList<string> TargetElements) : CardAction;

public static class CardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };
}

// An action held by a property of another type (a fallback, a refresh) must still carry its "type" discriminator, which
// System.Text.Json writes only when it serialises through the polymorphic base type.
internal sealed class ActionConverter<TAction> : JsonConverter<TAction> where TAction : CardAction
{
    public override TAction? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        (TAction?)JsonSerializer.Deserialize<CardAction>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, TAction value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize<CardAction>(writer, value, options);
}
