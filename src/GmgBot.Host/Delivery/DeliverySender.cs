using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Protocol.Connector;
using GmgBot.Protocol.Schema;

namespace GmgBot.Host.Delivery;

/// <summary>
/// The delivery engine's calls to the Bot Connector, each paced by <see cref="TeamsRateLimits"/>. It uses its own
/// HttpClient without the protocol library's retry handler: the engine retries itself, through the outbox, so that
/// every attempt is recorded, waits its turn under the rate limits, and a 429 delays only its own message.
/// </summary>
public sealed class DeliverySender(IHttpClientFactory httpClients, TeamsRateLimits limits)
{
    public const string HttpClientName = "GmgBot.Delivery.Connector";

    /// <summary>Opens (or, as Teams does for an existing 1:1 chat, finds) the personal chat with a user known only by id.</summary>
    public async Task<string> CreatePersonalChatAsync(Recipient recipient, CancellationToken cancellationToken)
    {
        if (recipient.UserId is null || recipient.TenantId is null)
        {
            throw new InvalidOperationException("A personal chat can only be created for a user id within a tenant.");
        }
        await limits.AcquireAsync(recipient.TenantId, $"create:{recipient.UserId}", cancellationToken);
        var parameters = ConversationParameters.ForPersonalChat(
            new ChannelAccount(recipient.BotId, recipient.BotName), new ChannelAccount(recipient.UserId, recipient.UserName), recipient.TenantId);
        var created = await Connector(recipient).CreateConversationAsync(parameters, cancellationToken);
        return created.Id ?? throw new InvalidOperationException("Teams created a conversation without an id.");
    }

    /// <summary>Waits until one more request to the conversation is within Teams' limits (per conversation and per tenant).</summary>
    public ValueTask WaitForTurnAsync(Recipient recipient, string conversationId, CancellationToken cancellationToken) =>
        limits.AcquireAsync(recipient.TenantId, conversationId, cancellationToken);

    /// <summary>Waits until one more request to the conversation is within its own limits.</summary>
    public ValueTask WaitForConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        limits.AcquireConversationAsync(conversationId, cancellationToken);

    /// <summary>Waits for the tenant's next send slot: the last step before a request leaves.</summary>
    public ValueTask WaitForTenantAsync(Recipient recipient, CancellationToken cancellationToken) =>
        limits.AcquireTenantAsync(recipient.TenantId, cancellationToken);

    /// <summary>POST: a new message. Returns the id Teams gave it.</summary>
    public async Task<string?> SendAsync(Recipient recipient, string conversationId, BotReply reply, CancellationToken cancellationToken)
    {
        var activity = Address(reply.ToActivity(), recipient, conversationId);
        return (await Connector(recipient).SendToConversationAsync(activity, cancellationToken)).Id;
    }

    /// <summary>PUT: replaces a message sent earlier (the same request twice leaves the same message).</summary>
    public async Task UpdateAsync(Recipient recipient, string conversationId, string activityId, BotReply reply, CancellationToken cancellationToken)
    {
        var activity = Address(reply.ToActivity(), recipient, conversationId);
        activity.Id = activityId;
        await Connector(recipient).UpdateActivityAsync(activity, cancellationToken);
    }

    private static Activity Address(Activity activity, Recipient recipient, string conversationId) =>
        activity.ApplyConversationReference(recipient.ToReference(conversationId));

    private ConnectorClient Connector(Recipient recipient) =>
        new(httpClients.CreateClient(HttpClientName), new Uri(recipient.ServiceUrl));
}
