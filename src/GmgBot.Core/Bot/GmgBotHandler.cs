using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Bot;

/// <summary>
/// GmgBot's turn handler: Teams conversation basics (1:1 and @mentions, welcome on install, help, card
/// actions, polite refusals) and the hand-over of free text to the <see cref="IQuestionAnswerer"/>.
/// Every conversation it hears from is recorded for proactive messages (written only when new or changed).
/// </summary>
public sealed class GmgBotHandler(
    IQuestionAnswerer answerer,
    IConversationStore conversations,
    CardActionRegistry cardActions,
    IEnumerable<IBotCommandHandler> commandHandlers,
    ILogger<GmgBotHandler> logger) : ActivityHandler
{
    private readonly Dictionary<string, IBotCommandHandler> _commands =
        commandHandlers.ToDictionary(h => h.Command.Name, StringComparer.OrdinalIgnoreCase);

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (ConversationSnapshot.From(activity) is { } snapshot)
        {
            // Cheap when nothing changed (the store skips the write); a new or changed conversation is written before
            // the turn goes on, because what the user asks may need it (a reminder is sent to this conversation).
            var userInteracted = activity.Type is ActivityTypes.Message or ActivityTypes.Invoke;
            await TryStoreAsync(() => conversations.RecordAsync(snapshot, userInteracted, cancellationToken));
        }

        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var text = activity.RemoveRecipientMention();

        if (text.Length == 0 && activity.Value is JsonObject submitted)
        {
            await HandleSubmitAsync(turnContext, submitted, cancellationToken);
            return;
        }

        var reply = await ReplyToTextAsync(text, activity.ToQuestionContext(), cancellationToken);
        await turnContext.SendActivityAsync(reply.ToActivity(), cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await OnBotInstalledAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (membersRemoved.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            await OnBotUninstalledAsync(turnContext, cancellationToken);
        }
    }

    protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        OnBotInstalledAsync(turnContext, cancellationToken);

    protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        OnBotUninstalledAsync(turnContext, cancellationToken);

    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
        ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var verb = invokeValue.Action?.Verb;
        var handler = string.IsNullOrWhiteSpace(verb) ? null : cardActions.Find(verb);
        if (handler is null)
        {
            logger.LogInformation("Action.Execute with unknown verb {Verb}.", verb);
            return AdaptiveCardInvokeResponse.Error((int)HttpStatusCode.BadRequest, "UnknownVerb", BotMessages.UnknownCardAction().Text);
        }

        var data = invokeValue.Action?.Data as JsonObject ?? [];
        var result = await handler.HandleAsync(new CardActionRequest(verb!, data, turnContext.Activity.ToQuestionContext(), IsExecute: true), cancellationToken);

        // Action.Execute answers in place: a card replaces the pressed one, otherwise Teams shows the text.
        if ((result.UpdatedCard ?? result.Reply?.Cards.FirstOrDefault()) is { } card)
        {
            return AdaptiveCardInvokeResponse.Card(card.ToJson());
        }

        return AdaptiveCardInvokeResponse.Message(result.Reply?.Text ?? "Done.");
    }

    private async Task<BotReply> ReplyToTextAsync(string text, QuestionContext context, CancellationToken cancellationToken)
    {
        if (text.Length == 0)
        {
            return BotMessages.EmptyMessage();
        }

        if (text.Length > BotMessages.MaxQuestionLength)
        {
            return BotMessages.TooLong(text.Length);
        }

        if (BotCommands.Match(text) is { } match)
        {
            if (match.Command == BotCommands.Help)
            {
                return BotMessages.Help();
            }

            if (_commands.TryGetValue(match.Command.Name, out var handler))
            {
                return await handler.HandleAsync(new CommandRequest(match.Command, match.Argument, context), cancellationToken);
            }
        }
        else if (text.StartsWith('/'))
        {
            // A slash says the user meant a command; guessing an answer to "/foo" would only confuse.
            return BotMessages.UnknownCommand(text.Split(' ', 2)[0]);
        }

        return await answerer.AnswerAsync(text, context, cancellationToken);
    }

    private async Task HandleSubmitAsync(ITurnContext turnContext, JsonObject data, CancellationToken cancellationToken)
    {
        var verb = data[CardParts.SubmitVerbProperty] is JsonValue value && value.TryGetValue<string>(out var v) ? v : null;
        var handler = string.IsNullOrWhiteSpace(verb) ? null : cardActions.Find(verb);
        if (handler is null)
        {
            logger.LogInformation("Action.Submit with unknown verb {Verb}.", verb);
            await turnContext.SendActivityAsync(BotMessages.UnknownCardAction().ToActivity(), cancellationToken);
            return;
        }

        var activity = turnContext.Activity;
        var result = await handler.HandleAsync(new CardActionRequest(verb!, data, activity.ToQuestionContext(), IsExecute: false), cancellationToken);
        if (result.UpdatedCard is { } card && activity.ReplyToId is { } cardMessageId)
        {
            var update = Activity.CreateMessageActivity();
            update.Id = cardMessageId;
            update.Attachments = [card.ToAttachment()];
            await turnContext.UpdateActivityAsync(update, cancellationToken);
        }

        if (result.Reply is { } reply)
        {
            await turnContext.SendActivityAsync(reply.ToActivity(), cancellationToken);
        }
    }

    private async Task OnBotInstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        // Teams announces one install twice (conversationUpdate and installationUpdate): greet on the first only.
        var isNewInstall = true;
        if (ConversationSnapshot.From(turnContext.Activity) is { } snapshot)
        {
            await TryStoreAsync(async () => isNewInstall = await conversations.SetInstalledAsync(snapshot, installed: true, cancellationToken));
        }

        if (isNewInstall)
        {
            await turnContext.SendActivityAsync(BotMessages.Welcome().ToActivity(), cancellationToken);
        }
    }

    private async Task OnBotUninstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (ConversationSnapshot.From(turnContext.Activity) is { } snapshot)
        {
            await TryStoreAsync(() => conversations.SetInstalledAsync(snapshot, installed: false, cancellationToken));
        }
    }

    // The user's turn must not fail because bookkeeping did: a question needs no storage, and what does need it
    // fails on its own write with an honest "I can't save that right now". The operator sees it logged (no stack:
    // a locked or full database logs this on every turn).
    private async Task TryStoreAsync(Func<Task> store)
    {
        try
        {
            await store();
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogError("Could not store the conversation reference: {Reason}", ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store the conversation reference.");
        }
    }
}
