using System.Net;
using System.Text.Json;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;

namespace GmgBot.Core.Bot;

/// <summary>What the user sees when a turn fails on the bot's side (the adapter has logged the exception).</summary>
public static class TurnErrors
{
    public static async Task ReplyAsync(ITurnContext turnContext, Exception exception)
    {
        var apology = BotMessages.SomethingWentWrong();
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            // Invokes are answered in the HTTP response; a card action gets an error Teams can show.
            var body = AdaptiveCardInvokeResponse.Error((int)HttpStatusCode.InternalServerError, "InternalError", Cards.PlainText.From(apology.Text));
            var response = new InvokeResponse((int)HttpStatusCode.OK, body);
            await turnContext.SendActivityAsync(
                new Activity { Type = ActivityTypes.InvokeResponse, Value = JsonSerializer.SerializeToNode(response, BotJson.Options) },
                CancellationToken.None);
            return;
        }

        if (turnContext.Activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync(apology.ToActivity(), CancellationToken.None);
        }
    }
}
