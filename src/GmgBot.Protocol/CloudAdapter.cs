using System.Net;
using System.Security.Claims;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace GmgBot.Protocol;

/// <summary>
/// Runs turns, like the SDK's CloudAdapter but with no ASP.NET types: authenticates the inbound activity, lets
/// through only what the <see cref="ChannelAccessPolicy"/> accepts, gives the bot a turn context bound to the service
/// URL the channel authenticated, and turns the outcome into what the HTTP layer answers, within
/// <see cref="BotConnectorOptions.TurnTimeout"/>. Also starts proactive turns in stored or newly created conversations.
/// </summary>
public sealed class CloudAdapter(
    IChannelAuthenticator authenticator,
    IConnectorClientFactory connectors,
    ChannelAccessPolicy policy,
    IOptions<BotConnectorOptions> options,
    TimeProvider time,
    ILogger<CloudAdapter> logger)
{
    private readonly LogLimiter _refusals = new(time, TimeSpan.FromMinutes(1));

    /// <summary>Called when the bot throws during an inbound turn; without it the exception propagates.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    /// <summary>Called instead of the bot for an activity of a tenant the bot does not serve (e.g. to say so); nothing else runs.</summary>
    public Func<ITurnContext, Task>? OnTenantRefused { get; set; }

    /// <summary>
    /// Handles one inbound activity. Returns what the HTTP response must carry: the invoke response for an
    /// invoke (501 when the bot gave none), the buffered replies for expectReplies, or null (plain 200).
    /// Throws <see cref="UnauthorizedAccessException"/> when the request is not from the channel,
    /// <see cref="ActivityRefusedException"/> when it is not from Teams or names a service URL the bot may not call, and
    /// <see cref="TurnIncompleteException"/> when the connector failed the turn or the turn ran out of time.
    /// </summary>
    public async Task<InvokeResponse?> ProcessActivityAsync(string? authHeader, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);

        // The turn is not awaited past the deadline even if some part of it ignores cancellation: the channel gets its answer.
        var turnCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var turn = RunTurnAsync(authHeader, activity, bot, turnCancellation.Token);
        _ = turn.ContinueWith(
            static (finished, cancellation) =>
            {
                _ = finished.Exception; // a turn abandoned at the deadline may fail later; that is expected, not unobserved
                ((CancellationTokenSource)cancellation!).Dispose();
            },
            turnCancellation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            return await turn.WaitAsync(options.Value.TurnTimeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            try
            {
                await turnCancellation.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // The turn finished in the meantime.
            }

            throw new TurnIncompleteException(TurnIncompleteException.Unavailable,
                $"The turn did not finish within {options.Value.TurnTimeout.TotalSeconds:0.#} s.");
        }
    }

    private async Task<InvokeResponse?> RunTurnAsync(string? authHeader, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        var identity = await authenticator.AuthenticateAsync(authHeader, activity, cancellationToken);
        if (!ChannelAccessPolicy.IsAllowedChannel(activity.ChannelId))
        {
            throw Refuse("channel", $"this bot serves Microsoft Teams only, not channel '{activity.ChannelId}'");
        }

        var serviceUrl = AuthenticatedServiceUrl(identity, activity);
        if (serviceUrl is not null && !policy.IsAllowedServiceUrl(serviceUrl))
        {
            throw Refuse("service URL", "the bot may not call the activity's serviceUrl (loopback or Security:AllowedServiceUrls only while authentication is off)");
        }

        if (IsAnonymous(identity) && !policy.TrustsUnauthenticatedUsers && activity.From is { } sender)
        {
            // Without a token nothing vouches for who the sender is: an Entra object id must not grant organizer rights.
            sender.AadObjectId = null;
        }

        var context = new TurnContext(activity, identity, serviceUrl is null ? null : connectors.Create(serviceUrl.AbsoluteUri), cancellationToken);
        if (!policy.IsAllowedTenant(activity))
        {
            if (_refusals.TryEnter("tenant", out var suppressed))
            {
                logger.LogWarning("Refused an activity of tenant {TenantId}: not in Security:AllowedTenantIds ({Suppressed} other refusals for this cause since the last report).",
                    activity.GetTenantId() ?? "(none)", suppressed);
            }

            await RunGuardedAsync(() => OnTenantRefused?.Invoke(context) ?? Task.CompletedTask);
            return ResponseOf(context, activity);
        }

        try
        {
            await RunGuardedAsync(() => bot.OnTurnAsync(context, cancellationToken));
        }
        catch (Exception ex) when (OnTurnError is not null && ex is not (OperationCanceledException or TurnIncompleteException))
        {
            logger.LogError(ex, "Turn failed for {ActivityType} activity {ActivityId}.", activity.Type, activity.Id);
            await RunGuardedAsync(() => OnTurnError(context, ex));
        }

        return ResponseOf(context, activity);
    }

    /// <summary>
    /// With authentication on, the service URL the token vouches for (its serviceurl claim, which the authenticator
    /// checked against the activity's); without it, the activity's own. Null when the turn has none (expectReplies).
    /// </summary>
    private static Uri? AuthenticatedServiceUrl(ClaimsIdentity identity, Activity activity)
    {
        var claimed = IsAnonymous(identity) ? activity.ServiceUrl : identity.FindFirst(AuthenticationConstants.ServiceUrlClaim)?.Value;
        return Uri.TryCreate(claimed, UriKind.Absolute, out var url) ? url : null;
    }

    private static bool IsAnonymous(ClaimsIdentity identity) => identity.AuthenticationType == AuthenticationConstants.AnonymousAuthType;

    /// <summary>A failure of the Bot Connector ends the turn with 502: apologising through the same connector would fail again.</summary>
    private static async Task RunGuardedAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or TimeoutRejectedException)
        {
            var reason = ex is ConnectorException refused
                ? $"The Bot Connector refused the bot's call: {(int)refused.StatusCode} {refused.StatusCode}."
                : "The Bot Connector could not be reached.";
            throw new TurnIncompleteException(TurnIncompleteException.BadGateway, reason, ex);
        }
    }

    private static InvokeResponse? ResponseOf(TurnContext context, Activity activity)
    {
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

    private ActivityRefusedException Refuse(string cause, string reason)
    {
        if (_refusals.TryEnter(cause, out var suppressed))
        {
            logger.LogWarning("Refused an inbound activity: {Reason} ({Suppressed} other refusals for this cause since the last report).", reason, suppressed);
        }

        return new ActivityRefusedException($"Refused: {reason}.");
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
