namespace GmgBot.Core.Cards;

/// <summary>Rewrites a card's actions (buttons, tappable rows, the cards of show-card buttons), leaving the rest as it is.</summary>
public static class CardActionMap
{
    /// <summary>The card with every action replaced by <paramref name="map"/>'s; null drops it (a row stays, not tappable).</summary>
    public static AdaptiveCard MapActions(this AdaptiveCard card, Func<CardAction, CardAction?> map)
    {
        CardAction? Action(CardAction action) => map(action) switch
        {
            ActionShowCard show => show with { Card = show.Card.MapActions(map) },
            var mapped => mapped,
        };
        IReadOnlyList<CardAction>? Actions(IReadOnlyList<CardAction>? actions) =>
            actions is null ? null : [.. actions.Select(Action).OfType<CardAction>()];
        IReadOnlyList<CardElement> Elements(IReadOnlyList<CardElement> elements) => [.. elements.Select(Element)];
        CardElement Element(CardElement element) => element switch
        {
            Container c => c with { Items = Elements(c.Items), SelectAction = c.SelectAction is null ? null : Action(c.SelectAction) },
            ColumnSet set => set with { Columns = [.. set.Columns.Select(column => column with { Items = Elements(column.Items) })] },
            ActionSet set => set with { Actions = Actions(set.Actions)! },
            _ => element,
        };

        var actions = Actions(card.Actions);
        return card with { Body = Elements(card.Body), Actions = actions is { Count: > 0 } ? actions : null };
    }
}
