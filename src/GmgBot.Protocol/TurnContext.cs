using System.Security.Claims;
using System.Text.Json;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol;

/// <summary>
/// Sends a turn's replies: buffered when the request asked for expectReplies, through the connector otherwise;
/// an "invokeResponse" activity is kept for the HTTP answer instead of being sent.
/// </summary>
public sealed class TurnContext : ITurnContext
{
    private readonly IConnectorClient? _connector;
    private readonly List<Activity> _bufferedReplies = [];
    private readonly ConversationReference _reference;

    public TurnContext(Activity activity, ClaimsIdentity identity, IConnectorClient? connector)
    {
        Activity = activity;
        Identity = identity;
        _connector = connector;
        _reference = activity.GetConversationReference();
    }

    public Activity Activity { get; }
    public ClaimsIdentity Identity { get; }
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

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        activity.ApplyConversationReference(_reference);
        return Connector.UpdateActivityAsync(activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default) =>
        Connector.DeleteActivityAsync(_reference.Conversation?.Id ?? throw new InvalidOperationException("The turn has no conversation."), activityId, cancellationToken);

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

        return activity.ReplyToId is not null
            ? await Connector.ReplyToActivityAsync(activity, cancellationToken)
            : await Connector.SendToConversationAsync(activity, cancellationToken);
    }
}
