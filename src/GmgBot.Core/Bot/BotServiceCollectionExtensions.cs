using GmgBot.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Core.Bot;

public static class BotServiceCollectionExtensions
{
    /// <summary>
    /// The bot's conversation handling: <see cref="GmgBotHandler"/> as the <see cref="IBot"/>, the card action
    /// registry with the built-in help verb. The host supplies <see cref="IConversationStore"/> and an
    /// <see cref="IQuestionAnswerer"/>.
    /// </summary>
    public static IServiceCollection AddGmgBotConversation(this IServiceCollection services)
    {
        services.TryAddSingleton<IBot, GmgBotHandler>();
        services.TryAddSingleton<CardActionRegistry>();
        services.AddCardActionHandler<HelpCardAction>();
        return services;
    }

    /// <summary>Routes presses of card buttons with <typeparamref name="THandler"/>'s verb to it.</summary>
    public static IServiceCollection AddCardActionHandler<THandler>(this IServiceCollection services) where THandler : class, ICardActionHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICardActionHandler, THandler>());
        return services;
    }

    /// <summary>Makes <typeparamref name="THandler"/> answer its command of <see cref="BotCommands"/>.</summary>
    public static IServiceCollection AddBotCommandHandler<THandler>(this IServiceCollection services) where THandler : class, IBotCommandHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBotCommandHandler, THandler>());
        return services;
    }
}
