using System.Security.Claims;
using System.Text.Json;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol;

/// <summary>
/// Sends a turn's replies: buffered when the request asked for expectReplies, through the connector otherwise;
/// an "invokeResponse" activity is kept for the HTTP answer instead of being sent. Nothing is sent once
/// <paramref name="turnAborted"/> fires (the turn ran out of time), whatever token the caller passed.
/// </summary>
public sealed class TurnContext(Activity activity, ClaimsIdentity identity, IConnectorClient? connector, CancellationToken turnAborted = default)
    : ITurnContext
{
    private readonly IConnectorClient? _connector = connector;
    private readonly List<Activity> _bufferedReplies = [];
    private readonly ConversationReference _reference = activity.GetConversationReference();

    public Activity Activity { get; } = activity;
    public ClaimsIdentity Identity { get; } = identity;
    public IDictionary<string, object> TurnState { get; } = new Dictionary<string, object>();
    public bool Responded { get; private set; }

    public IConnectorClient Connector =>
        _connector ?? throw new InvalidOperationException("This turn has no service URL to call the Bot Connector at.");

    /// <summary>The invoke response the bot gave, if any.</summary>
    public InvokeResponse? InvokeResponse { get; private set; }

    /// <summary>Replies collected for an expectReplies request.</summary>
    public IReadOnlyList<Activity> BufferedReplies => _bufferedReplies;

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessageActivity(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default) =>
        (await SendActivitiesAsync([activity], cancellationToken))[0];

    public async Task<IReadOnlyList<ResourceResponse>> SendActivitiesAsync(IEnumerable<Activity> activities, CancellationToken cancellationToken = default)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            responses.Add(await SendOneAsync(activity, cancellationToken));
        }

        return responses;
    }

    public async Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        activity.ApplyConversationReference(_reference);
        if (_connector is null && Activity.IsExpectReplies())
        {
            // No service URL to update it at: the new version goes back with the replies, under the id it replaces.
            _bufferedReplies.Add(activity);
            return new ResourceResponse(activity.Id);
        }

        using var linked = Linked(cancellationToken);
        return await Connector.UpdateActivityAsync(activity, linked.Token);
    }

    public async Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        var conversationId = _reference.Conversation?.Id ?? throw new InvalidOperationException("The turn has no conversation.");
        using var linked = Linked(cancellationToken);
        await Connector.DeleteActivityAsync(conversationId, activityId, linked.Token);
    }

    private CancellationTokenSource Linked(CancellationToken cancellationToken) => CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, turnAborted);

    private async Task<ResourceResponse> SendOneAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type == ActivityTypes.InvokeResponse)
        {
            InvokeResponse = activity.Value?.Deserialize<InvokeResponse>(BotJson.Options) ?? new InvokeResponse(200);
            return new ResourceResponse();
        }

        activity.ApplyConversationReference(_reference);
        Responded |= activity.Type != ActivityTypes.Trace;

        if (Activity.IsExpectReplies())
        {
            _bufferedReplies.Add(activity);
            return new ResourceResponse();
        }

        // Trace activities are for the Bot Framework Emulator only; other channels do not show them.
        if (activity.Type == ActivityTypes.Trace && activity.ChannelId != Channels.Emulator)
        {
            return new ResourceResponse();
        }

        using var linked = Linked(cancellationToken);
        return activity.ReplyToId is not null
            ? await Connector.ReplyToActivityAsync(activity, linked.Token)
            : await Connector.SendToConversationAsync(activity, linked.Token);
    }
}
