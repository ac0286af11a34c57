using GmgBot.Protocol.Authentication;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Security;

/// <summary>Local demos and browser tests (configuration section <c>DemoClock</c>): the bot's clock set to a moment of the meeting.</summary>
public sealed class DemoClockOptions
{
    public const string SectionName = "DemoClock";

    /// <summary>
    /// The moment the bot believes it is when it starts (then time runs on as usual), e.g. 2026-03-12T15:00:00Z to show
    /// a session in progress. Only in Development with authentication off on loopback: a deployed bot keeps real time.
    /// </summary>
    public DateTimeOffset? StartsAt { get; set; }
}

/// <summary>Real time, shifted by a fixed amount: timers and delays run as usual, only "now" is elsewhere.</summary>
public sealed class ShiftedTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}

public static class DemoClock
{
    /// <summary>Replaces the clock when <c>DemoClock:StartsAt</c> is set; refuses to start outside local development.</summary>
    public static IServiceCollection AddDemoClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DemoClockOptions>().BindConfiguration(DemoClockOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DemoClockOptions>>(sp => new Validator(sp.GetRequiredService<ChannelAccessPolicy>(), environment));
        if (configuration.GetSection(DemoClockOptions.SectionName).Get<DemoClockOptions>()?.StartsAt is { } startsAt)
        {
            services.AddSingleton<TimeProvider>(new ShiftedTimeProvider(startsAt - TimeProvider.System.GetUtcNow()));
        }
        return services;
    }

    private sealed class Validator(ChannelAccessPolicy policy, IHostEnvironment environment) : IValidateOptions<DemoClockOptions>
    {
        public ValidateOptionsResult Validate(string? name, DemoClockOptions options) =>
            options.StartsAt is null || (policy.TrustsUnauthenticatedUsers && environment.IsDevelopment())
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("DemoClock:StartsAt is for local demos only (Development, no MicrosoftAppId, loopback): remove it.");
    }
}
