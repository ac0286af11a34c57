using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Conversation;

/// <summary>
/// A search-based message extension: results for what a user types in a compose box, the card of the result they
/// pick, and cards for the app's own links pasted into a message. The user may be in any chat, with or without the bot.
/// Register one; without it these invokes are answered 501, as the SDK does.
/// </summary>
public interface IMessagingExtension
{
    Task<MessagingExtensionResponse> QueryAsync(MessagingExtensionQuery query, QuestionContext user, CancellationToken cancellationToken);

    /// <summary>The card of a result: <paramref name="item"/> is the value of the result's preview tap.</summary>
    Task<MessagingExtensionResponse> SelectItemAsync(JsonNode item, QuestionContext user, CancellationToken cancellationToken);

    Task<MessagingExtensionResponse> QueryLinkAsync(AppBasedLinkQuery query, QuestionContext user, CancellationToken cancellationToken);
}
