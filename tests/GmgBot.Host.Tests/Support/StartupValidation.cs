using GmgBot.Host.Features;
using GmgBot.Host.Security;
using GmgBot.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Tests.Support;

/// <summary>
/// Start-up refusals through the host's own start-up validation on its registrations: WebApplicationFactory reports a
/// failed start as a disposed service provider at times, so a test of "this setting stops the host" would be racy.
/// </summary>
public static class StartupValidation
{
    /// <summary>What stops the host at start with these settings: the validation of the options it registers.</summary>
    public static string? Failure(Dictionary<string, string?> settings)
    {
        settings.TryAdd("MicrosoftAppId", string.Empty);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration);
        services.AddBotFramework();
        services.AddAccessModeChecks();
        services.AddDemoClock(configuration, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development" });
        services.AddCalendars();
        services.AddAgendaTab();
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
        catch (AggregateException ex)
        {
            return string.Join('\n', ex.InnerExceptions.Select(e => e.Message));
        }
    }
}
