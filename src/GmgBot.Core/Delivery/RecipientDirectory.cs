using GmgBot.Core.Conversation;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Delivery;

/// <summary>Turns conversations the bot has seen, and audiences, into recipients.</summary>
public sealed class RecipientDirectory(IConversationStore conversations, ISubscriptionDirectory subscriptions)
{
    /// <summary>The stored conversation a question came from (a channel thread's message id stripped).</summary>
    public async Task<StoredConversation?> ConversationOfAsync(QuestionContext context, CancellationToken cancellationToken) =>
        context.ConversationId is { } id ? await conversations.FindAsync(WithoutThread(id), cancellationToken) : null;

    public async Task<Recipient?> RecipientOfAsync(QuestionContext context, CancellationToken cancellationToken) =>
        await ConversationOfAsync(context, cancellationToken) is { } stored ? Recipient.From(stored.Snapshot, context.UserTimeZone) : null;

    /// <summary>
    /// Where to send the asker a personal message: the chat they wrote in when it is personal, their personal chat
    /// with the bot when it is known, else what creating one needs (their id, the tenant, the service URL).
    /// </summary>
    public async Task<Recipient?> PersonalChatOfAsync(QuestionContext context, CancellationToken cancellationToken)
    {
        var current = await ConversationOfAsync(context, cancellationToken);
        if (current is null || context.UserId is null)
        {
            return null;
        }
        if (current.Snapshot.IsPersonal)
        {
            return Recipient.From(current.Snapshot with { UserId = context.UserId, UserName = context.UserName ?? current.Snapshot.UserName }, context.UserTimeZone);
        }
        var personal = (await conversations.ListInstalledAsync(ConversationTypes.Personal, cancellationToken))
            .FirstOrDefault(c => c.Snapshot.UserId == context.UserId);
        if (personal is not null)
        {
            return Recipient.From(personal.Snapshot, context.UserTimeZone);
        }
        return new Recipient
        {
            ConversationType = ConversationTypes.Personal,
            ServiceUrl = current.Snapshot.ServiceUrl,
            ChannelId = current.Snapshot.ChannelId,
            TenantId = current.Snapshot.TenantId,
            BotId = current.Snapshot.BotId,
            BotName = current.Snapshot.BotName,
            UserId = context.UserId,
            UserName = context.UserName,
            TimeZone = context.UserTimeZone,
        };
    }

    /// <summary>Channels and group chats the bot is installed in (where organizers can post).</summary>
    public async Task<IReadOnlyList<StoredConversation>> GroupConversationsAsync(CancellationToken cancellationToken) =>
        [.. (await conversations.ListInstalledAsync(ConversationTypes.Channel, cancellationToken))
            .Concat(await conversations.ListInstalledAsync(ConversationTypes.GroupChat, cancellationToken))];

    /// <summary>The recipients an audience stands for now.</summary>
    public async Task<IReadOnlyList<Recipient>> ResolveAsync(Audience audience, CancellationToken cancellationToken)
    {
        switch (audience)
        {
            case InstalledUsers:
                return [.. (await conversations.ListInstalledAsync(ConversationTypes.Personal, cancellationToken)).Select(c => Recipient.From(c.Snapshot))];
            case OneConversation one:
                var stored = await conversations.FindAsync(one.ConversationId, cancellationToken);
                return stored is { IsInstalled: true } ? [Recipient.From(stored.Snapshot)] : [];
            case SessionSubscribers subscribers:
                return [.. (await subscriptions.SubscribersOfAsync(subscribers.SessionId, cancellationToken)).DistinctBy(r => r.Key)];
            default:
                throw new ArgumentOutOfRangeException(nameof(audience), audience, "Unknown audience.");
        }
    }

    /// <summary>"Everyone who installed the bot (37)", "the subscribers of …": for previews and reports.</summary>
    public static string Describe(Audience audience, Func<string, string> sessionTitle) => audience switch
    {
        InstalledUsers => "everyone who installed the bot",
        OneConversation one => $"the conversation {ShortId(one.ConversationId)}",
        SessionSubscribers s => $"the subscribers of “{sessionTitle(s.SessionId)}”",
        _ => audience.ToString(),
    };

    public static string WithoutThread(string conversationId)
    {
        var separator = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return separator >= 0 ? conversationId[..separator] : conversationId;
    }

    public static string ShortId(string id) => id.Length <= 28 ? id : $"{id[..14]}…{id[^10..]}";
}
