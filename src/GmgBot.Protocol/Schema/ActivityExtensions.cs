using System.Text.Json;
using System.Text.Json.Nodes;

namespace GmgBot.Protocol.Schema;

public static class ActivityExtensions
{
    /// <summary>A message from the bot back into the conversation the activity came from, replying to it.</summary>
    public static Activity CreateReply(this Activity activity, string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Copy(activity.Recipient),
        Recipient = Copy(activity.From),
        ReplyToId = activity.Id,
        ServiceUrl = activity.ServiceUrl,
        ChannelId = activity.ChannelId,
        Conversation = activity.Conversation,
        Locale = activity.Locale,
        Text = text,
        Attachments = [],
        Entities = [],
    };

    public static ConversationReference GetConversationReference(this Activity activity) => new()
    {
        ActivityId = activity.Id,
        User = Copy(activity.From),
        Bot = Copy(activity.Recipient),
        Conversation = activity.Conversation,
        ChannelId = activity.ChannelId,
        Locale = activity.Locale,
        ServiceUrl = activity.ServiceUrl,
    };

    /// <summary>
    /// Addresses <paramref name="activity"/> by <paramref name="reference"/>: as the bot's outgoing reply, or,
    /// with <paramref name="isIncoming"/>, as if it had arrived from the user (a proactive turn's start).
    /// </summary>
    public static Activity ApplyConversationReference(this Activity activity, ConversationReference reference, bool isIncoming = false)
    {
        activity.ChannelId = reference.ChannelId;
        activity.ServiceUrl = reference.ServiceUrl;
        activity.Conversation = reference.Conversation;
        activity.Locale ??= reference.Locale;
        if (isIncoming)
        {
            activity.From = reference.User;
            activity.Recipient = reference.Bot;
            if (reference.ActivityId is not null)
            {
                activity.Id = reference.ActivityId;
            }
        }
        else
        {
            activity.From = reference.Bot;
            activity.Recipient = reference.User;
            if (reference.ActivityId is not null)
            {
                activity.ReplyToId = reference.ActivityId;
            }
        }

        return activity;
    }

    public static bool IsExpectReplies(this Activity activity) =>
        string.Equals(activity.DeliveryMode, DeliveryModes.ExpectReplies, StringComparison.Ordinal);

    public static IReadOnlyList<Mention> GetMentions(this Activity activity) =>
        activity.Entities?
            .Where(e => string.Equals(e.Type, EntityTypes.Mention, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.TryGetAs<Mention>())
            .OfType<Mention>()
            .ToList() ?? [];

    /// <summary>The users mentioned in the message other than the bot itself.</summary>
    public static IReadOnlyList<ChannelAccount> GetMentionedUsers(this Activity activity) =>
        activity.GetMentions()
            .Select(m => m.Mentioned)
            .OfType<ChannelAccount>()
            .Where(m => m.Id is not null && m.Id != activity.Recipient?.Id)
            .ToList();

    /// <summary>
    /// The text without the @mention markup of the bot itself (in channels and group chats Teams puts
    /// "&lt;at&gt;BotName&lt;/at&gt;" into the text). Mentions of other users stay in place.
    /// </summary>
    public static string RemoveRecipientMention(this Activity activity) =>
        activity.Recipient?.Id is { } botId ? activity.RemoveMentionText(botId) : activity.Text?.Trim() ?? string.Empty;

    public static string RemoveMentionText(this Activity activity, string id)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.GetMentions())
        {
            if (mention.Mentioned?.Id == id && !string.IsNullOrEmpty(mention.Text))
            {
                text = text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        return text.Trim();
    }

    /// <summary>The channel data as <typeparamref name="T"/>; null when there is none or it is not an object.</summary>
    public static T? GetChannelData<T>(this Activity activity) where T : class
    {
        if (activity.ChannelData is not JsonObject data)
        {
            return null;
        }

        try
        {
            return data.Deserialize<T>(BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TeamsChannelData? GetTeamsChannelData(this Activity activity) => activity.GetChannelData<TeamsChannelData>();

    /// <summary>
    /// The tenant from conversation.tenantId, else from Teams channel data. Null when the two disagree: an activity
    /// that names two tenants belongs to neither.
    /// </summary>
    public static string? GetTenantId(this Activity activity)
    {
        var fromConversation = activity.Conversation?.TenantId;
        var fromChannelData = activity.GetTeamsChannelData()?.Tenant?.Id;
        if (fromConversation is not null && fromChannelData is not null
            && !string.Equals(fromConversation, fromChannelData, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return fromConversation ?? fromChannelData;
    }

    public static ClientInfo? GetClientInfo(this Activity activity) =>
        activity.Entities?
            .Where(e => string.Equals(e.Type, EntityTypes.ClientInfo, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.TryGetAs<ClientInfo>())
            .OfType<ClientInfo>()
            .FirstOrDefault();

    private static ChannelAccount? Copy(ChannelAccount? account) => account is null ? null : new()
    {
        Id = account.Id,
        Name = account.Name,
        AadObjectId = account.AadObjectId,
        Role = account.Role,
    };
}
