using System.Text.Json.Nodes;
namespace GmgBot.Core.Cards;

/// <summary>The pieces every card of the bot is built from, so that all its cards look and behave alike.</summary>
public static class CardParts
{
    /// <summary>The data property an Action.Submit names its verb in (Action.Execute has its own field).</summary>
    public const string SubmitVerbProperty = "verb";

    /// <summary>Data for an Action.Submit that the bot routes to <paramref name="verb"/>'s handler.</summary>
    public static JsonObject SubmitData(string verb, JsonObject? data = null)
    {
        var result = data?.DeepClone().AsObject() ?? [];
        result[SubmitVerbProperty] = verb;
        return result;
    }

    /// <summary>The card's title.</summary>
    public static TextBlock Heading(string text) =>
        new(text) { Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading };

    /// <summary>The title of a section within a card.</summary>
    public static TextBlock Subheading(string text) =>
        new(text) { Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium };

    /// <summary>A grey line that belongs to the line above it (what a heading is about, a row's details).</summary>
    public static TextBlock Subtitle(string text) =>
        new(text) { IsSubtle = true, Spacing = CardSpacing.None };

    /// <summary>The small grey line set apart at the foot of a card: its sources, its time zone, who sent it.</summary>
    public static TextBlock Footer(string text) =>
        new(text) { IsSubtle = true, Size = TextSize.Small, Separator = true };

    /// <summary>A card with the text that stands in for it where cards cannot be shown (old clients), as plain text.</summary>
    public static AdaptiveCard Card(IReadOnlyList<CardElement> body, string fallbackText, IReadOnlyList<CardAction>? actions = null) => new()
    {
        Body = body,
        Actions = actions is { Count: > 0 } ? actions : null,
        FallbackText = PlainText.From(fallbackText),
    };

    /// <summary>
    /// A calm note set apart from the text around it (documents that disagree, a session to be confirmed, a warning): an
    /// emphasis box with an icon and text in the normal colour, which stays readable in every Teams theme.
    /// </summary>
    public static Container Notice(string icon, string text, params IEnumerable<CardElement> more) => new(
    [
        new ColumnSet(
        [
            new Column([new TextBlock(icon) { Wrap = false }]) { Width = "auto" },
            new Column([new TextBlock(text), .. more]) { Width = "stretch" },
        ]),
    ])
    {
        Style = ContainerStyle.Emphasis,
        Spacing = CardSpacing.Medium,
    };

    /// <summary>Details on demand: a line that shows or hides them in place when tapped, with no round trip to the bot.</summary>
    public static Container OnDemand(CardElement label, string id, IReadOnlyList<CardElement> details) => new(
    [
        label,
        new Container(details) { Id = id, IsVisible = false, Spacing = CardSpacing.Small },
    ])
    {
        Spacing = CardSpacing.Medium,
        SelectAction = new ActionToggleVisibility([id]) { Title = "Show or hide the details" },
    };

    /// <summary>A row that opens more when tapped, with a chevron that says so.</summary>
    public static Container TappableRow(IReadOnlyList<CardElement> content, CardAction open) => new(
    [
        new ColumnSet(
        [
            new Column(content) { Width = "stretch" },
            new Column([new TextBlock("›") { Size = TextSize.Large, Wrap = false }]) { Width = "auto", VerticalContentAlignment = "Center" },
        ]),
    ])
    {
        SelectAction = open,
    };

    /// <summary>Several cards as one, each set apart by a line (one reply that answers several questions).</summary>
    public static AdaptiveCard Stack(IReadOnlyList<AdaptiveCard> cards) => cards.Count == 1 ? cards[0] : new()
    {
        Body = [.. cards.SelectMany((card, i) => i == 0 || card.Body.Count == 0
            ? card.Body
            : card.Body.Take(1).Select(first => first with { Separator = true, Spacing = CardSpacing.Large }).Concat(card.Body.Skip(1)))],
        Actions = cards.SelectMany(c => c.Actions ?? []).DistinctBy(a => a.Title).ToList() is { Count: > 0 } actions ? actions : null,
        FallbackText = string.Join(" · ", cards.Select(c => c.FallbackText).Where(t => !string.IsNullOrEmpty(t))),
    };

    /// <summary>
    /// A button answered in place (Action.Execute), with the Action.Submit fallback Teams needs for clients that predate
    /// Action.Execute; both reach the same handler.
    /// </summary>
    public static ActionExecute Button(string title, string verb, JsonObject? data = null, ActionStyle? style = null, ActionMode? mode = null) => new()
    {
        Title = title,
        Verb = verb,
        Data = data?.DeepClone().AsObject(),
        Style = style,
        Mode = mode,
        Fallback = SubmitButton(title, verb, data, style) with { Mode = mode },
    };

    /// <summary>A button that sends its verb and data (with the card's inputs) to the bot as a message.</summary>
    public static ActionSubmit SubmitButton(string title, string verb, JsonObject? data = null, ActionStyle? style = null) => new()
    {
        Title = title,
        Data = SubmitData(verb, data),
        Style = style,
    };

    /// <summary>The refresh that keeps a card in its current state for <paramref name="userId"/> (Teams asks again when the card is shown).</summary>
    public static CardRefresh? RefreshFor(string? userId, string verb, JsonObject? data = null) => userId is null ? null : new()
    {
        Action = new ActionExecute { Title = "Refresh", Verb = verb, Data = data?.DeepClone().AsObject() },
        UserIds = [userId],
    };
}
