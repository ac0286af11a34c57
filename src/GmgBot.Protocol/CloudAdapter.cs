using System.Net;
using System.Security.Claims;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace GmgBot.Protocol;

/// <summary>
/// Runs turns, like the SDK's CloudAdapter but with no ASP.NET types: authenticates the inbound activity,
/// gives the bot a turn context bound to the activity's service URL, and turns the outcome into what the
/// HTTP layer answers. Also starts proactive turns in stored or newly created conversations.
/// </summary>
public sealed class CloudAdapter(IChannelAuthenticator authenticator, IConnectorClientFactory connectors, ILogger<CloudAdapter> logger)
{
    /// <summary>Called when the bot throws during an inbound turn; without it the exception propagates.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    /// <summary>
    /// Handles one inbound activity. Returns what the HTTP response must carry: the invoke response for an
    /// invoke (501 when the bot gave none), the buffered replies for expectReplies, or null (plain 200).
    /// Throws <see cref="UnauthorizedAccessException"/> when the request is not from the channel.
    /// </summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(string? authHeader, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);

        var identity = await authenticator.AuthenticateAsync(authHeader, activity, cancellationToken);
        var connector = string.IsNullOrEmpty(activity.ServiceUrl) ? null : connectors.Create(activity.ServiceUrl);
        var context = new TurnContext(activity, identity, connector);

        try
        {
            await bot.OnTurnAsync(context, cancellationToken);
        }
        catch (Exception ex) when (OnTurnError is not null && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Turn failed for {ActivityType} activity {ActivityId}.", activity.Type, activity.Id);
            await OnTurnError(context, ex);
        }

        if (activity.IsExpectReplies())
        {
            return new InvokeResponse((int)HttpStatusCode.OK, new ExpectedReplies([.. context.BufferedReplies]));
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return context.InvokeResponse ?? new InvokeResponse((int)HttpStatusCode.NotImplemented);
        }

        return null;
    }

    /// <summary>
    /// Runs <paramref name="callback"/> in a stored conversation, e.g. to send a reminder. Connector errors
    /// (<see cref="ConnectorException"/>) reach the caller, which decides about retrying or giving up.
    /// </summary>
    public async Task ContinueConversationAsync(ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(callback);
        var serviceUrl = reference.ServiceUrl ?? throw new ArgumentException("The conversation reference has no service URL.", nameof(reference));

        // A proactive message starts a new post in the thread rather than replying to an old activity.
        var proactiveReference = new ConversationReference
        {
            User = reference.User,
            Bot = reference.Bot,
            Conversation = reference.Conversation,
            ChannelId = reference.ChannelId,
            Locale = reference.Locale,
            ServiceUrl = serviceUrl,
        };
        var context = new TurnContext(proactiveReference.GetContinuationActivity(), new ClaimsIdentity("proactive"), connectors.Create(serviceUrl));
        await callback(context, cancellationToken);
    }

    /// <summary>
    /// Creates (or, for a 1:1 chat that exists, finds) a conversation through the connector, then runs
    /// <paramref name="callback"/> in it. Returns the new conversation's reference so callers can store it.
    /// </summary>
    public async Task<ConversationReference> CreateConversationAsync(
        string channelId, string serviceUrl, ConversationParameters parameters, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var created = await connectors.Create(serviceUrl).CreateConversationAsync(parameters, cancellationToken);
        var reference = new ConversationReference
        {
            ChannelId = channelId,
            ServiceUrl = created.ServiceUrl ?? serviceUrl,
            Bot = parameters.Bot,
            User = parameters.Members?.FirstOrDefault(),
            Conversation = new ConversationAccount
            {
                Id = created.Id ?? throw new InvalidOperationException("The connector created a conversation without an id."),
                IsGroup = parameters.IsGroup,
                TenantId = parameters.TenantId,
                ConversationType = parameters.IsGroup == true ? null : ConversationTypes.Personal,
            },
        };

        await ContinueConversationAsync(reference, callback, cancellationToken);
        return reference;
    }
}
