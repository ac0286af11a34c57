using System.Net;
using System.Text.Json;
using GmgBot.Core.Conversation;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Bot;

/// <summary>What the user sees when a turn fails on the bot's side (the adapter has logged the exception), or is refused.</summary>
public static class TurnErrors
{
    public static Task ReplyAsync(ITurnContext turnContext, Exception exception) => exception is StorageUnavailableException
        ? SayAsync(turnContext, BotMessages.CannotSaveNow(), HttpStatusCode.ServiceUnavailable, "StorageUnavailable")
        : SayAsync(turnContext, BotMessages.SomethingWentWrong(), HttpStatusCode.InternalServerError, "InternalError");

    /// <summary>A message or card press from a tenant the bot does not serve: said politely, nothing else happens.</summary>
    public static Task RefuseTenantAsync(ITurnContext turnContext) =>
        SayAsync(turnContext, BotMessages.OtherOrganization(), HttpStatusCode.Forbidden, "OtherOrganization");

    private static async Task SayAsync(ITurnContext turnContext, BotReply reply, HttpStatusCode status, string code)
    {
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // Invokes are answered in the HTTP response; a card action gets an error Teams can show.
            var body = AdaptiveCardInvokeResponse.Error((int)status, code, Cards.PlainText.From(reply.Text));
            var response = new InvokeResponse((int)HttpStatusCode.OK, body);
            await turnContext.SendActivityAsync(
                new Activity { Type = ActivityTypes.InvokeResponse, Value = JsonSerializer.SerializeToNode(response, BotJson.Options) },
                CancellationToken.None);
            return;
        }

        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(reply.ToActivity(), CancellationToken.None);
        }
    }
}
