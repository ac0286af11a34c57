using GmgBot.Core.Delivery;
using GmgBot.Host.Storage;
using GmgBot.Protocol.Connector;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// What sends the messages the bot sends on its own: the outbox on the bot's database, the delivery engine as a
    /// hosted service under Teams' rate limits, broadcast reports kept current, and the renderer that asks each
    /// feature's registered renderer what a message says. Needs the protocol (AddBotFramework), storage and knowledge.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<IOutbox>(sp => sp.GetRequiredService<Outbox>());
        services.TryAddSingleton<RecipientDirectory>();
        services.TryAddSingleton<DeliveryRenderer>();

        services.TryAddSingleton<TeamsRateLimits>();
        services.TryAddSingleton<DeliverySender>();
        services.TryAddSingleton<BroadcastReporter>();
        services.TryAddSingleton<DeliveryEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryEngine>());
        // No retry handler here: the engine retries through the outbox, under the rate limits (see DeliverySender).
        services.AddHttpClient(DeliverySender.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.SendTimeout)
            .AddHttpMessageHandler<ServiceUrlGuard>()
            .AddHttpMessageHandler<BotTokenHandler>();
        return services;
    }
}
