using GmgBot.Core.Conversation;
using GmgBot.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Core.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// The bot's conversation handling: <see cref="GmgBotHandler"/> as the <see cref="IBot"/>, the card action
    /// registry with the built-in help verb. The host supplies <see cref="IConversationStore"/> and an
    /// <see cref="IQuestionAnswerer"/>; features add their commands and card buttons.
    /// </summary>
    public static IServiceCollection AddGmgBotConversation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FollowUps>();
        services.TryAddSingleton<IBot, GmgBotHandler>();
        services.TryAddSingleton<CardActionRegistry>();
        services.AddCardActionHandler<HelpCardAction>();
        return services;
    }
}
