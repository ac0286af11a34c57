namespace GmgBot.Protocol;

/// <summary>The bot's logic: handles one turn (one inbound activity).</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>A piece of logic run inside a turn, e.g. the body of a proactive message.</summary>
public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
