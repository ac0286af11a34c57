using GmgBot.Core.Conversation;

namespace GmgBot.Core.Bot;

/// <summary>Finds the handler of a verb. Two handlers for one verb are a wiring mistake, caught at start.</summary>
public sealed class CardActionRegistry
{
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
}
