using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Core.Conversation;

/// <summary>How a feature plugs its commands and card buttons into the conversation.</summary>
public static class ConversationServiceCollectionExtensions
{
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
