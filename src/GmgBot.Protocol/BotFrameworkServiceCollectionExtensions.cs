using System.Net;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Connector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace GmgBot.Protocol;

public static class BotFrameworkServiceCollectionExtensions
{
    public const string ConnectorHttpClientName = "GmgBot.Protocol.Connector";
    public const string MetadataHttpClientName = "GmgBot.Protocol.OpenIdMetadata";
    public const string TokenHttpClientName = "GmgBot.Protocol.Token";

    /// <summary>
    /// The protocol services: <see cref="CloudAdapter"/>, channel authentication and access policy, outbound tokens
    /// and the connector client factory. <see cref="BotFrameworkOptions"/> bind from the configuration root (the
    /// SDK's flat setting names), <see cref="BotConnectorOptions"/> from "BotConnector", <see cref="BotAccessOptions"/>
    /// from "Security"; all are validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="onTurnError">What the adapter does when the bot throws during an inbound turn (e.g. apologise).</param>
    /// <param name="onTenantRefused">What the adapter says, instead of running the bot, to a tenant it does not serve.</param>
    public static IServiceCollection AddBotFramework(
        this IServiceCollection services, Func<ITurnContext, Exception, Task>? onTurnError = null, Func<ITurnContext, Task>? onTenantRefused = null)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BotConnectorOptions>()
            .BindConfiguration(BotConnectorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BotAccessOptions>().BindConfiguration(BotAccessOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAccessOptions>, BotAccessOptionsValidator>());
        services.TryAddSingleton<ChannelAccessPolicy>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetadataHttpClientName);
        services.AddHttpClient(TokenHttpClientName);
        services.AddTransient<BotTokenHandler>();
        services.AddTransient<ServiceUrlGuard>();

        // The service URL is checked before anything else; the retry wraps the token handler so that every attempt
        // carries a current token.
        var connector = services.AddHttpClient(ConnectorHttpClientName).AddHttpMessageHandler<ServiceUrlGuard>();
        connector.AddResilienceHandler("bot-connector", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<BotConnectorOptions>>().Value;
                // Polly needs at least one attempt configured; MaxRetryAttempts = 0 turns retries off via ShouldHandle.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 1),
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(options.MaxRetryAttempts > 0 && IsTransient(args.Outcome)),
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        connector.AddHttpMessageHandler<BotTokenHandler>();

        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton<IChannelAuthenticator, ChannelAuthenticator>();
        services.TryAddSingleton<IConnectorClientFactory, ConnectorClientFactory>();
        services.TryAddSingleton(sp => new CloudAdapter(
            sp.GetRequiredService<IChannelAuthenticator>(),
            sp.GetRequiredService<IConnectorClientFactory>(),
            sp.GetRequiredService<ChannelAccessPolicy>(),
            sp.GetRequiredService<IOptions<BotConnectorOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CloudAdapter>>())
        {
            OnTurnError = onTurnError,
            OnTenantRefused = onTenantRefused,
        });
        return services;
    }

    /// <summary>
    /// Teams' retry rules: 429 (after Retry-After), 412, 502, 503 and 504 are retried; 400, 401, 403, 404, 413 and 500
    /// never are, since sending the same request again cannot succeed. Nor is a connector that cannot be reached or did
    /// not answer in time: a turn has no time to wait for it (the caller answers the channel with 502 at once), and a
    /// POST that timed out may have arrived, so sending it again could post the reply twice.
    /// </summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
