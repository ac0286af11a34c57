using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol;

/// <summary>
/// The Teams invokes of a search-based message extension, dispatched as the SDK's TeamsActivityHandler does:
/// composeExtension/query, /selectItem and /queryLink each to a virtual method whose answer is the invoke's 200 body.
/// Not overridden, or not Teams: what <see cref="ActivityHandler"/> does (adaptiveCard/action, else 501).
/// </summary>
public abstract class TeamsActivityHandler : ActivityHandler
{
    public const string QueryInvokeName = "composeExtension/query";
    public const string SelectItemInvokeName = "composeExtension/selectItem";
    public const string QueryLinkInvokeName = "composeExtension/queryLink";

    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.ChannelId != Channels.Msteams)
        {
            return await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        }

        MessagingExtensionResponse? response = activity.Name switch
        {
            QueryInvokeName => await OnTeamsMessagingExtensionQueryAsync(turnContext, ReadValue<MessagingExtensionQuery>(activity), cancellationToken),
            SelectItemInvokeName => await OnTeamsMessagingExtensionSelectItemAsync(turnContext, activity.Value ?? new JsonObject(), cancellationToken),
            QueryLinkInvokeName => await OnTeamsAppBasedLinkQueryAsync(turnContext, ReadValue<AppBasedLinkQuery>(activity), cancellationToken),
            _ => null,
        };
        return response is null
            ? await base.OnInvokeActivityAsync(turnContext, cancellationToken)
            : new InvokeResponse((int)HttpStatusCode.OK, response);
    }

    /// <summary>The user typed in the message extension's search box (or opened it: <see cref="MessagingExtensionQuery.IsInitialRun"/>).</summary>
    protected virtual Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(
        ITurnContext turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    /// <summary>The user picked a result whose preview's tap value is <paramref name="item"/>.</summary>
    protected virtual Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(
        ITurnContext turnContext, JsonNode item, CancellationToken cancellationToken) =>
        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    /// <summary>The user pasted a link of one of the app's domains into the compose box (link unfurling).</summary>
    protected virtual Task<MessagingExtensionResponse> OnTeamsAppBasedLinkQueryAsync(
        ITurnContext turnContext, AppBasedLinkQuery query, CancellationToken cancellationToken) =>
        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    private static T ReadValue<T>(Activity activity) where T : class
    {
        try
        {
            if (activity.Value?.Deserialize<T>(BotJson.Options) is { } value)
            {
                return value;
            }
        }
        catch (JsonException)
        {
            // Falls through to the bad-request answer below.
        }

        throw new InvokeResponseException((int)HttpStatusCode.BadRequest);
    }
}
