using GmgBot.Core.Conversation;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Delivery;

/// <summary>
/// Where one message goes: a conversation the bot knows (a personal chat, a channel, a group chat), or a user
/// whose personal chat must first be created (<see cref="ConversationId"/> null: POST /v3/conversations).
/// Kept whole in the outbox row, so a delivery never depends on anything read later.
/// </summary>
public sealed record Recipient
{
    public string? ConversationId { get; init; }
    public string? ConversationType { get; init; }
    public required string ServiceUrl { get; init; }
    public string ChannelId { get; init; } = Channels.Msteams;
    public string? TenantId { get; init; }
    public required string BotId { get; init; }
    public string? BotName { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    /// <summary>The user's IANA time zone (Teams clientInfo), to show times in it too.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Identifies the recipient within one delivery job: the conversation, else the user.</summary>
    public string Key => ConversationId ?? $"user:{UserId}";

    public bool IsPersonal => ConversationType is null or ConversationTypes.Personal;

    /// <summary>How reports name the recipient.</summary>
    public string DisplayName => IsPersonal
        ? UserName ?? UserId ?? Key
        : $"{(ConversationType == ConversationTypes.Channel ? "Channel" : "Group chat")} {ShortId(ConversationId!)}";

    public static Recipient From(ConversationSnapshot snapshot, string? timeZone = null) => new()
    {
        ConversationId = snapshot.ConversationId,
        ConversationType = snapshot.ConversationType,
        ServiceUrl = snapshot.ServiceUrl,
        ChannelId = snapshot.ChannelId,
        TenantId = snapshot.TenantId,
        BotId = snapshot.BotId,
        BotName = snapshot.BotName,
        UserId = snapshot.IsPersonal ? snapshot.UserId : null,
        UserName = snapshot.IsPersonal ? snapshot.UserName : null,
        TimeZone = timeZone,
    };

    /// <summary>The reference a message to <paramref name="conversationId"/> (this recipient's, or one just created) is sent with.</summary>
    public ConversationReference ToReference(string conversationId) => new()
    {
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Bot = new ChannelAccount(BotId, BotName),
        User = UserId is null ? null : new ChannelAccount(UserId, UserName),
        Conversation = new ConversationAccount
        {
            Id = conversationId,
            ConversationType = ConversationType ?? ConversationTypes.Personal,
            TenantId = TenantId,
            IsGroup = !IsPersonal,
        },
    };

    private static string ShortId(string id) => id.Length <= 24 ? id : $"{id[..12]}…{id[^8..]}";
}
