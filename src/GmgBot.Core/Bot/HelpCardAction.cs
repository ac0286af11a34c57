using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Bot;

/// <summary>The "help" button of cards sent before buttons sent their command as a message.</summary>
public sealed class HelpCardAction(IKnowledgeSource knowledge, TimeProvider time) : ICardActionHandler
{
    public string Verb => BotMessages.HelpVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CardActionResult.Replying(BotMessages.Help(knowledge.Current, time.GetUtcNow())));
}
