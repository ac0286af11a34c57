using System.Text.Json;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Bot;

public static class BotReplyActivities
{
    /// <summary>
    /// The one message activity that carries a reply. A text reply is its Markdown text. A card reply is the card with a
    /// one-line summary as text (the line Teams shows in notifications and the chat list, never a copy of the card) and
    /// as summary in plain words. Suggestions become imBack buttons for <paramref name="suggestTo"/>: Teams shows them
    /// in 1:1 chats only, so they are left out when no single user is addressed.
    /// </summary>
    public static Activity ToActivity(this BotReply reply, string? suggestTo = null)
    {
        var line = reply.Cards.Count == 0 ? reply.Text : PlainText.Line(reply.Text);
        var activity = Activity.CreateMessageActivity(line.Length == 0 ? null : line);
        activity.TextFormat = reply.Cards.Count == 0 ? TextFormatTypes.Markdown : TextFormatTypes.Plain;
        activity.Attachments = reply.Cards.Select(ToAttachment).ToList();
        if (reply.Cards.Count > 0)
        {
            activity.Summary = line.Length > 0 ? line : reply.Cards[0].FallbackText;
        }
        if (suggestTo is not null && reply.Suggestions.Count > 0)
        {
            activity.SuggestedActions = JsonSerializer.SerializeToNode(SuggestedActions.ImBack(suggestTo, reply.Suggestions), BotJson.Options);
        }
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
