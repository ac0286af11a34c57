using System.Reflection;
using System.Text.Json.Serialization;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Delivery;

/// <summary>A message about to be rendered: its outbox row, when it is (or would be) sent, and whether it is a preview.</summary>
/// <param name="Message">The row's message (its recipient's time zone, its content).</param>
/// <param name="At">When it is (or, for a preview, would be) sent.</param>
/// <param name="Preview">Leave buttons out: an organizer's preview shows the message, not its actions.</param>
public sealed record RenderRequest(OutboxMessage Message, DateTimeOffset At, bool Preview)
{
    public string? RecipientTimeZone => Message.Recipient?.TimeZone;
}

/// <summary>
/// What a recipient sees for one kind of <see cref="DeliveryContent"/>, rendered at the moment it is sent. Each feature
/// registers the renderers of the content it sends (AddDeliveryRenderer), as it registers its card actions.
/// </summary>
public interface IDeliveryRenderer
{
    Type ContentType { get; }

    /// <summary>The reply to send; null when there is nothing left to say (the session or day is no longer on the agenda).</summary>
    Task<BotReply?> RenderAsync(DeliveryContent content, RenderRequest request, CancellationToken cancellationToken);
}

/// <summary>A renderer of one content type.</summary>
public abstract class DeliveryRenderer<TContent> : IDeliveryRenderer where TContent : DeliveryContent
{
    public Type ContentType => typeof(TContent);

    public Task<BotReply?> RenderAsync(DeliveryContent content, RenderRequest request, CancellationToken cancellationToken) =>
        RenderAsync((TContent)content, request, cancellationToken);

    protected abstract Task<BotReply?> RenderAsync(TContent content, RenderRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Turns an outbox row's content into what the recipient sees, at the moment it is sent, through the renderer registered
/// for its type. Every content type must have exactly one renderer: a missing or second one is a wiring mistake, caught
/// when the engine starts.
/// </summary>
public sealed class DeliveryRenderer
{
    private readonly Dictionary<Type, IDeliveryRenderer> _renderers = [];

    public DeliveryRenderer(IEnumerable<IDeliveryRenderer> renderers)
    {
        foreach (var renderer in renderers)
        {
            if (!_renderers.TryAdd(renderer.ContentType, renderer))
            {
                throw new InvalidOperationException(
                    $"{renderer.ContentType.Name} has two delivery renderers: {_renderers[renderer.ContentType].GetType().Name} and {renderer.GetType().Name}.");
            }
        }
        var missing = ContentTypes.Where(t => !_renderers.ContainsKey(t)).Select(t => t.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No delivery renderer for {string.Join(", ", missing)}: register one with AddDeliveryRenderer.");
        }
    }

    /// <summary>Every kind of content the outbox stores.</summary>
    public static IReadOnlyList<Type> ContentTypes { get; } =
        [.. typeof(DeliveryContent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType)];

    /// <inheritdoc cref="IDeliveryRenderer.RenderAsync"/>
    public Task<BotReply?> RenderAsync(OutboxMessage message, DateTimeOffset at, bool preview, CancellationToken cancellationToken) =>
        _renderers[message.Content.GetType()].RenderAsync(message.Content, new RenderRequest(message, at, preview), cancellationToken);
}
