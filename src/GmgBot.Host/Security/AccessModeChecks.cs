using GmgBot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Security;

public static class AccessModeChecks
{
    /// <summary>
    /// Authentication off is for local development: without an app id the host starts only when it listens on loopback
    /// alone, or with <c>Security:AllowAnonymousNetworkAccess</c> on a trusted network, which is logged as a warning at
    /// every start. The mode the bot runs in is logged at start.
    /// </summary>
    public static IServiceCollection AddAccessModeChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<ListenAddresses>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAccessOptions>, ListenerValidator>());
        services.AddHostedService<AccessModeReport>();
        return services;
    }

    private sealed class ListenerValidator(IOptions<BotFrameworkOptions> identity, ListenAddresses addresses) : IValidateOptions<BotAccessOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotAccessOptions options) =>
            identity.Value.IsAuthenticationEnabled || addresses.LoopbackOnly || options.AllowAnonymousNetworkAccess
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"MicrosoftAppId is empty, so authentication is off, but the host would listen beyond this machine on {addresses.DescribeExposed()}. "
                    + "Set MicrosoftAppId (with MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMsi), listen on loopback only "
                    + $"(e.g. --urls {ListenAddresses.DefaultUrl}), or, on a trusted network only, set Security:AllowAnonymousNetworkAccess=true.");
    }

    private sealed class AccessModeReport(ChannelAccessPolicy policy, ListenAddresses addresses, ILogger<AccessModeReport> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var listening = string.Join(", ", addresses.All.Select(a => a.Url));
            if (policy.IsAuthenticationEnabled)
            {
                logger.LogInformation("Authentication on: Teams activities with a valid Bot Connector token, of tenant(s) {Tenants}; listening on {Addresses}.",
                    string.Join(", ", policy.AllowedTenants), listening);
            }
            else if (policy.AllowsAnonymousNetworkAccess)
            {
                logger.LogWarning(
                    "AUTHENTICATION IS OFF (no MicrosoftAppId) AND Security:AllowAnonymousNetworkAccess IS TRUE: the bot listens on {Addresses}. "
                    + "Anyone who reaches it can talk to the bot as anyone; it replies only to loopback or Security:AllowedServiceUrls, and nobody is an organizer. "
                    + "Use this on a trusted network only.",
                    listening);
            }
            else
            {
                logger.LogInformation(
                    "Authentication off (no MicrosoftAppId): local development on {Addresses}. Users' Entra object ids are taken as sent, so configured organizers can broadcast.",
                    listening);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
