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
using Polly.Timeout;

namespace GmgBot.Protocol;

public static class BotFrameworkServiceCollectionExtensions
{
    public const string ConnectorHttpClientName = "GmgBot.Protocol.Connector";
    public const string MetadataHttpClientName = "GmgBot.Protocol.OpenIdMetadata";
    public const string TokenHttpClientName = "GmgBot.Protocol.Token";

    /// <summary>
    /// The protocol services: <see cref="CloudAdapter"/>, channel authentication, outbound tokens and the
    /// connector client factory. <see cref="BotFrameworkOptions"/> bind from the configuration root (the SDK's
    /// flat setting names), <see cref="BotConnectorOptions"/> from "BotConnector"; both are validated on start.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="onTurnError">What the adapter does when the bot throws during an inbound turn (e.g. apologise).</param>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, Func<ITurnContext, Exception, Task>? onTurnError = null)
    {
        services.AddOptions<BotFrameworkOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.Bind(options))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<BotConnectorOptions>()
            .BindConfiguration(BotConnectorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(MetadataHttpClientName);
        services.AddHttpClient(TokenHttpClientName);
        services.AddTransient<BotTokenHandler>();

        // The retry wraps the token handler so that every attempt carries a current token.
        var connector = services.AddHttpClient(ConnectorHttpClientName);
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
            sp.GetRequiredService<ILogger<CloudAdapter>>())
        {
            OnTurnError = onTurnError,
        });
        return services;
    }

    /// <summary>
    /// Teams' retry rules: 429 (after Retry-After), 412, 502, 503, 504 and network failures are retried;
    /// 400, 401, 403, 404, 413 and 500 never are, since sending the same request again cannot succeed.
    /// </summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: var status } => status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };
}
