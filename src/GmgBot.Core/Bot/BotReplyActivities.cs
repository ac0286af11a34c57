using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Bot;

public static class BotReplyActivities
{
    /// <summary>The message activity that carries a reply: its text, and each card as an Adaptive Card attachment.</summary>
    public static Activity ToActivity(this BotReply reply)
    {
        var activity = Activity.CreateMessageActivity(reply.Text);
        activity.TextFormat = TextFormatTypes.Markdown;
        activity.Attachments = reply.Cards.Select(ToAttachment).ToList();
        return activity;
    }

    public static Attachment ToAttachment(this AdaptiveCard card) => new() { ContentType = AdaptiveCard.ContentType, Content = card.ToJson() };

    /// <summary>Who asks, from where: read from the inbound activity (clientInfo gives locale and time zone).</summary>
    public static QuestionContext ToQuestionContext(this Activity activity)
    {
        var clientInfo = activity.GetClientInfo();
        return new QuestionContext
        {
            UserId = activity.From?.Id,
            AadObjectId = activity.From?.AadObjectId,
            UserName = activity.From?.Name,
            Locale = activity.Locale ?? clientInfo?.Locale,
            UserTimeZone = clientInfo?.Timezone ?? activity.LocalTimezone,
            ConversationId = activity.Conversation?.Id,
            IsGroup = activity.Conversation?.IsGroup == true
                || activity.Conversation?.ConversationType is ConversationTypes.Channel or ConversationTypes.GroupChat,
        };
    }
}
