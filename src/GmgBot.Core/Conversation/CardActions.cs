using System.Text.Json.Nodes;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Conversation;

/// <summary>
/// A card button press: an Action.Submit (arrives as a message whose value carries "verb") or an
/// Action.Execute (arrives as an adaptiveCard/action invoke with action.verb). <see cref="Data"/> holds the
/// action's data merged with the card's input values.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonObject Data, QuestionContext Context, bool IsExecute);

/// <summary>
/// What a card action does: a card that replaces the pressed one with its new state (Action.Execute answers with it;
/// for Action.Submit the message is updated in a 1:1 chat), and/or a reply: what is said when there is no card, or when
/// the card cannot change in place (a shared chat), in words.
/// </summary>
public sealed record CardActionResult(BotReply? Reply, AdaptiveCard? UpdatedCard = null)
{
    public static CardActionResult Replying(BotReply reply) => new(reply);

    public static CardActionResult Replacing(AdaptiveCard card) => new(null, card);
}

/// <summary>Handles the presses of card buttons that carry <see cref="Verb"/>. Register with AddCardActionHandler.</summary>
public interface ICardActionHandler
{
    string Verb { get; }

    Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken);
}
