using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Protocol.Tests.Support;

/// <summary>The protocol's real DI wiring (AddBotFramework) over in-memory settings, with fast retries.</summary>
public static class ProtocolServices
{
    public static ServiceProvider Create(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["BotConnector:RetryBaseDelay"] = "00:00:00.010",
            ["BotConnector:MaxRetryAttempts"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddBotFramework();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
