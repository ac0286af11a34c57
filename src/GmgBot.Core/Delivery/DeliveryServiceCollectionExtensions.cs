using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GmgBot.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Makes <typeparamref name="TRenderer"/> render its content type when the delivery engine sends it.</summary>
    public static IServiceCollection AddDeliveryRenderer<TRenderer>(this IServiceCollection services) where TRenderer : class, IDeliveryRenderer
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeliveryRenderer, TRenderer>());
        return services;
    }
}
