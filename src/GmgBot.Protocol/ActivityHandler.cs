using System.Net;
using System.Text.Json;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol;

/// <summary>
/// Dispatches a turn by activity type to virtual methods, as the SDK's ActivityHandler does.
/// Unlike the SDK, <see cref="OnMembersAddedAsync"/> also runs when only the bot itself was added,
/// because that is Teams' install event and the moment to greet.
/// </summary>
public abstract class ActivityHandler : IBot
{
    public const string AdaptiveCardActionInvokeName = "adaptiveCard/action";

    public virtual Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Type switch
        {
            ActivityTypes.Message => OnMessageActivityAsync(turnContext, cancellationToken),
            ActivityTypes.ConversationUpdate => OnConversationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.InstallationUpdate => OnInstallationUpdateActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Invoke => RunInvokeAsync(turnContext, cancellationToken),
            ActivityTypes.Event => OnEventActivityAsync(turnContext, cancellationToken),
            ActivityTypes.MessageReaction => OnMessageReactionActivityAsync(turnContext, cancellationToken),
            ActivityTypes.Typing => OnTypingActivityAsync(turnContext, cancellationToken),
            _ => OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken),
        };
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.MembersAdded is { Count: > 0 } added)
        {
            await OnMembersAddedAsync(added.ToList(), turnContext, cancellationToken);
        }

        if (activity.MembersRemoved is { Count: > 0 } removed)
        {
            await OnMembersRemovedAsync(removed.ToList(), turnContext, cancellationToken);
        }
    }

    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.Action switch
        {
            InstallationUpdateActions.Add or InstallationUpdateActions.AddUpgrade => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            InstallationUpdateActions.Remove or InstallationUpdateActions.RemoveUpgrade => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };

    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Answers an invoke. The default knows adaptiveCard/action; anything else is 501, as in the SDK.</summary>
    protected virtual async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Name != AdaptiveCardActionInvokeName)
        {
            throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);
        }

        var value = ReadAdaptiveCardInvokeValue(turnContext.Activity);
        var response = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken);
        return new InvokeResponse((int)HttpStatusCode.OK, response);
    }

    /// <summary>An Action.Execute press or card refresh. Not overridden: 501.</summary>
    protected virtual Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTypingActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunInvokeAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        InvokeResponse response;
        try
        {
            response = await OnInvokeActivityAsync(turnContext, cancellationToken);
        }
        catch (InvokeResponseException ex)
        {
            response = new InvokeResponse(ex.StatusCode, ex.Body);
        }

        await turnContext.SendActivityAsync(
            new Activity { Type = ActivityTypes.InvokeResponse, Value = JsonSerializer.SerializeToNode(response, BotJson.Options) },
            cancellationToken);
    }

    private static AdaptiveCardInvokeValue ReadAdaptiveCardInvokeValue(Activity activity)
    {
        AdaptiveCardInvokeValue? value = null;
        try
        {
            value = activity.Value?.Deserialize<AdaptiveCardInvokeValue>(BotJson.Options);
        }
        catch (JsonException)
        {
            // Falls through to the bad-request answer below.
        }

        if (value?.Action is null || !string.Equals(value.Action.Type, "Action.Execute", StringComparison.Ordinal))
        {
            throw new InvokeResponseException(
                (int)HttpStatusCode.BadRequest,
                AdaptiveCardInvokeResponse.Error((int)HttpStatusCode.BadRequest, "BadRequest", "The invoke value is not an Action.Execute."));
        }

        return value;
    }
}
