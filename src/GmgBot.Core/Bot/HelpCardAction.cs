using GmgBot.Core.Conversation;
namespace GmgBot.Core.Bot;

/// <summary>The "help" button on the welcome card.</summary>
public sealed class HelpCardAction : ICardActionHandler
{
    public string Verb => BotMessages.HelpVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CardActionResult.Replying(BotMessages.Help()));
}
