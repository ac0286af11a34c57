using System.Text.Json.Nodes;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Bot;

/// <summary>
/// A card button press: an Action.Submit (arrives as a message whose value carries "verb") or an
/// Action.Execute (arrives as an adaptiveCard/action invoke with action.verb). <see cref="Data"/> holds the
/// action's data merged with the card's input values.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonObject Data, QuestionContext Context, bool IsExecute);

/// <summary>
/// What a card action does: a reply to post, and/or a card that replaces the pressed one
/// (Action.Execute answers with it directly; for Action.Submit the original message is updated).
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

/// <summary>Finds the handler of a verb. Two handlers for one verb are a wiring mistake, caught at start.</summary>
public sealed class CardActionRegistry
{
    /// <summary>The data property an Action.Submit names its verb in (Action.Execute has its own field).</summary>
    public const string SubmitVerbProperty = "verb";

    private readonly Dictionary<string, ICardActionHandler> _handlers = new(StringComparer.OrdinalIgnoreCase);

    public CardActionRegistry(IEnumerable<ICardActionHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Verb, handler))
            {
                throw new InvalidOperationException(
                    $"Card action verb '{handler.Verb}' has two handlers: {_handlers[handler.Verb].GetType().Name} and {handler.GetType().Name}.");
            }
        }
    }

    public IReadOnlyCollection<string> Verbs => _handlers.Keys;

    public ICardActionHandler? Find(string verb) => _handlers.GetValueOrDefault(verb);

    /// <summary>Data for an Action.Submit that this registry routes to <paramref name="verb"/>'s handler.</summary>
    public static JsonObject SubmitData(string verb, JsonObject? data = null)
    {
        var result = data?.DeepClone().AsObject() ?? [];
        result[SubmitVerbProperty] = verb;
        return result;
    }
}
