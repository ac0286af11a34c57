using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Bot;

/// <summary>
/// GmgBot's turn handler: Teams conversation basics (1:1 and @mentions, welcome on install, help, card
/// actions, polite refusals) and the hand-over of free text to the <see cref="IQuestionAnswerer"/>.
/// Every conversation it hears from is recorded for proactive messages (written only when new or changed), except where
/// a message extension is used: the bot need not be a member of that chat. Message extension invokes go to the
/// <see cref="IMessagingExtension"/>, when there is one.
/// </summary>
public sealed class GmgBotHandler(
    IQuestionAnswerer answerer,
    IConversationStore conversations,
    CardActionRegistry cardActions,
    IEnumerable<IBotCommandHandler> commandHandlers,
    IKnowledgeSource knowledge,
    FollowUps followUps,
    TimeProvider time,
    ILogger<GmgBotHandler> logger,
    IMessagingExtension? messagingExtension = null) : TeamsActivityHandler
{
    private readonly Dictionary<string, IBotCommandHandler> _commands = Commands(commandHandlers);

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (!IsMessagingExtensionInvoke(activity) && ConversationSnapshot.From(activity) is { } snapshot)
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

        await ReplyAsync(turnContext, await ReplyToTextAsync(text, activity.ToQuestionContext(), cancellationToken), text, cancellationToken);
    }

    /// <summary>Sends the turn's one reply, with what to do next under it in a 1:1 chat.</summary>
    private Task ReplyAsync(ITurnContext turnContext, BotReply reply, string? said, CancellationToken cancellationToken)
    {
        var user = PersonalChatUser(turnContext.Activity);
        return turnContext.SendActivityAsync((user is null ? reply : followUps.Complete(reply, said)).ToActivity(user), cancellationToken);
    }

    /// <summary>The user of a 1:1 chat (suggested actions and in-place card updates are theirs alone); null elsewhere.</summary>
    private static string? PersonalChatUser(Activity activity) =>
        activity.Conversation?.ConversationType is null or ConversationTypes.Personal && activity.Conversation?.IsGroup != true
            ? activity.From?.Id
            : null;

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
            return AdaptiveCardInvokeResponse.Error((int)HttpStatusCode.BadRequest, "UnknownVerb", PlainText.From(BotMessages.UnknownCardAction().Text));
        }

        var data = invokeValue.Action?.Data as JsonObject ?? [];
        var result = await handler.HandleAsync(new CardActionRequest(verb!, data, turnContext.Activity.ToQuestionContext(), IsExecute: true), cancellationToken);

        // Action.Execute answers in place: a card replaces the pressed one, otherwise Teams shows the text as it is.
        if ((result.UpdatedCard ?? result.Reply?.Cards.FirstOrDefault()) is { } card)
        {
            return AdaptiveCardInvokeResponse.Card(card.ToJson());
        }

        return AdaptiveCardInvokeResponse.Message(PlainText.From(result.Reply?.Text ?? "Done."));
    }

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionQueryAsync(
        ITurnContext turnContext, MessagingExtensionQuery query, CancellationToken cancellationToken) =>
        MessagingExtension.QueryAsync(query, turnContext.Activity.ToQuestionContext(), cancellationToken);

    protected override Task<MessagingExtensionResponse> OnTeamsMessagingExtensionSelectItemAsync(
        ITurnContext turnContext, JsonNode item, CancellationToken cancellationToken) =>
        MessagingExtension.SelectItemAsync(item, turnContext.Activity.ToQuestionContext(), cancellationToken);

    protected override Task<MessagingExtensionResponse> OnTeamsAppBasedLinkQueryAsync(
        ITurnContext turnContext, AppBasedLinkQuery query, CancellationToken cancellationToken) =>
        MessagingExtension.QueryLinkAsync(query, turnContext.Activity.ToQuestionContext(), cancellationToken);

    private IMessagingExtension MessagingExtension =>
        messagingExtension ?? throw new InvokeResponseException((int)HttpStatusCode.NotImplemented);

    /// <summary>Searches and link previews come from whatever chat the user composes in, which need not include the bot.</summary>
    private static bool IsMessagingExtensionInvoke(Activity activity) =>
        activity.Type == ActivityTypes.Invoke && activity.Name?.StartsWith("composeExtension/", StringComparison.Ordinal) == true;

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
                return BotMessages.Help(knowledge.Current, time.GetUtcNow());
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
        var activity = turnContext.Activity;
        var verb = CardValues.Text(data, CardParts.SubmitVerbProperty);
        if (verb == BotCommands.SendVerb && CardValues.Text(data, BotCommands.SendProperty) is { } command)
        {
            // A command button (help, welcome): answered as if the command had been typed.
            await ReplyAsync(turnContext, await ReplyToTextAsync(command, activity.ToQuestionContext(), cancellationToken), command, cancellationToken);
            return;
        }

        var handler = verb is null ? null : cardActions.Find(verb);
        if (handler is null)
        {
            logger.LogInformation("Action.Submit with unknown verb {Verb}.", verb);
            await ReplyAsync(turnContext, BotMessages.UnknownCardAction(), null, cancellationToken);
            return;
        }

        var result = await handler.HandleAsync(new CardActionRequest(verb!, data, activity.ToQuestionContext(), IsExecute: false), cancellationToken);
        var reply = result.Reply;
        if (result.UpdatedCard is { } card)
        {
            // The card's new state replaces it where the card is one user's own (a 1:1 chat), and then says all; in a
            // shared chat an update would change the card for everyone, so the new state comes as a reply there.
            if (activity.ReplyToId is { } cardMessageId && PersonalChatUser(activity) is not null)
            {
                var update = Activity.CreateMessageActivity();
                update.Id = cardMessageId;
                update.Attachments = [card.ToAttachment()];
                await turnContext.UpdateActivityAsync(update, cancellationToken);
                return;
            }
            reply ??= BotReply.WithCard(card.FallbackText ?? "", card);
        }

        if (reply is not null)
        {
            await ReplyAsync(turnContext, reply, null, cancellationToken);
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
            await ReplyAsync(turnContext, BotMessages.Welcome(knowledge.Current.Timeline), null, cancellationToken);
        }
    }

    private async Task OnBotUninstalledAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (ConversationSnapshot.From(turnContext.Activity) is { } snapshot)
        {
            await TryStoreAsync(() => conversations.SetInstalledAsync(snapshot, installed: false, cancellationToken));
        }
    }

    /// <summary>The handler of each command; two for one command are a wiring mistake, caught when the bot is built.</summary>
    private static Dictionary<string, IBotCommandHandler> Commands(IEnumerable<IBotCommandHandler> handlers)
    {
        var commands = new Dictionary<string, IBotCommandHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (var handler in handlers)
        {
            if (!commands.TryAdd(handler.Command.Name, handler))
            {
                throw new InvalidOperationException(
                    $"The command '{handler.Command.Name}' has two handlers: {commands[handler.Command.Name].GetType().Name} and {handler.GetType().Name}.");
            }
        }
        return commands;
    }

    // The user's turn must not fail because bookkeeping did: a question needs no storage, and what does need it
    // fails on its own write with an honest "I can't save that right now". A busy, locked or full database is a
    // warning (no stack: it logs on every turn until it clears; readiness reports a full one); anything else is an error.
    private async Task TryStoreAsync(Func<Task> store)
    {
        try
        {
            await store();
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning("Could not store the conversation reference: {Reason}", ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not store the conversation reference.");
        }
    }
}
