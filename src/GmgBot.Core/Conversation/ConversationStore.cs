using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Conversation;

/// <summary>
/// What the bot keeps about a conversation to message it later. One row per conversation: for a personal
/// chat that is the user; for a channel or group chat, the thread with the last user seen in it.
/// </summary>
public sealed record ConversationSnapshot
{
    /// <summary>The conversation id without a channel thread's ";messageid=…" part, so proactive posts start new threads.</summary>
    public required string ConversationId { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string ChannelId { get; init; }
    public required string BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserAadObjectId { get; init; }
    public string? Locale { get; init; }
    /// <summary>The team of a channel (its id is the team's General channel's); names as Teams gave them, when it did.</summary>
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    /// <summary>The channel's name, or a group chat's topic.</summary>
    public string? Name { get; init; }

    public bool IsPersonal => ConversationType is null or ConversationTypes.Personal;

    /// <summary>The snapshot of an inbound activity; null when it lacks what a proactive message needs.</summary>
    public static ConversationSnapshot? From(Activity activity)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } conversationId
            || activity.ServiceUrl is not { Length: > 0 } serviceUrl
            || activity.Recipient?.Id is not { Length: > 0 } botId)
        {
            return null;
        }

        var separator = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        var teams = activity.ChannelId == Channels.Msteams ? activity.GetTeamsChannelData() : null;
        return new ConversationSnapshot
        {
            ConversationId = separator >= 0 ? conversationId[..separator] : conversationId,
            ConversationType = activity.Conversation.ConversationType,
            TenantId = activity.GetTenantId(),
            ServiceUrl = serviceUrl,
            ChannelId = activity.ChannelId ?? Channels.Msteams,
            BotId = botId,
            BotName = activity.Recipient.Name,
            UserId = activity.From?.Id,
            UserName = activity.From?.Name,
            UserAadObjectId = activity.From?.AadObjectId,
            Locale = activity.Locale,
            TeamId = teams?.Team?.Id,
            TeamName = teams?.Team?.Name,
            Name = teams?.Channel?.Name ?? activity.Conversation.Name,
        };
    }

    public ConversationReference ToReference() => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
        Bot = new ChannelAccount(BotId, BotName),
        User = UserId is null ? null : new ChannelAccount(UserId, UserName) { AadObjectId = UserAadObjectId },
        Conversation = new ConversationAccount
        {
            Id = ConversationId,
            ConversationType = ConversationType,
            TenantId = TenantId,
            IsGroup = ConversationType is null ? null : ConversationType != ConversationTypes.Personal,
        },
    };
}

public sealed record StoredConversation
{
    public required ConversationSnapshot Snapshot { get; init; }
    /// <summary>The bot is installed there (set by install events, or inferred from a user writing to it).</summary>
    public bool IsInstalled { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public DateTimeOffset? InstalledAt { get; init; }
    public DateTimeOffset? UninstalledAt { get; init; }

    public ConversationReference Reference => Snapshot.ToReference();
}

/// <summary>The durable store of conversation references (implemented by the host on SQLite or PostgreSQL).</summary>
public interface IConversationStore
{
    /// <summary>
    /// Inserts or refreshes the conversation. <paramref name="userInteracted"/> (a message or card press)
    /// proves the bot is installed there, so a new row starts as installed; install state is not changed otherwise.
    /// Called on every turn, so it may skip the write when the same reference was written recently; it throws
    /// <see cref="StorageUnavailableException"/> when a write it needed failed.
    /// </summary>
    Task RecordAsync(ConversationSnapshot snapshot, bool userInteracted, CancellationToken cancellationToken);

    /// <summary>Records an install or uninstall; true when that changed the state (so a welcome is due once).</summary>
    Task<bool> SetInstalledAsync(ConversationSnapshot snapshot, bool installed, CancellationToken cancellationToken);

    Task<StoredConversation?> FindAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// The personal chat with the bot of the Microsoft Entra user <paramref name="aadObjectId"/> in <paramref name="tenantId"/>
    /// (any tenant when null), while the bot is installed there: how someone who signed in elsewhere (the agenda tab) is
    /// the same user as in the bot's chat. Null when the bot never heard from them in a personal chat.
    /// </summary>
    Task<StoredConversation?> FindPersonalChatAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Conversations the bot is installed in, optionally of one type (personal, groupChat, channel).</summary>
    Task<IReadOnlyList<StoredConversation>> ListInstalledAsync(string? conversationType, CancellationToken cancellationToken);
}
