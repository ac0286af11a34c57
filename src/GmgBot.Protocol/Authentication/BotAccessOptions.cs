using Microsoft.Extensions.Options;

namespace GmgBot.Protocol.Authentication;

/// <summary>Who may reach the bot and which channel endpoints it may call (configuration section "Security").</summary>
public sealed class BotAccessOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// The Microsoft 365 tenants whose activities the bot serves. Empty: <see cref="BotFrameworkOptions.MicrosoftAppTenantId"/>;
    /// with that empty too and authentication off (local development), any tenant.
    /// </summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    /// <summary>
    /// Service URL prefixes the bot may call besides loopback, e.g. https://smba.trafficmanager.net/. With authentication
    /// off they are the only non-loopback service URLs accepted; with it on, non-empty narrows the https URLs Teams sends.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// With no app id (authentication off), lets the host listen beyond loopback: for a trusted network only. Users'
    /// Entra object ids are then not believed, so nobody is an organizer.
    /// </summary>
    public bool AllowAnonymousNetworkAccess { get; set; }
}

/// <summary>Checks the access settings at start, naming the setting that is wrong.</summary>
public sealed class BotAccessOptionsValidator(IOptions<BotFrameworkOptions> identity) : IValidateOptions<BotAccessOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAccessOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.AllowedServiceUrls.Count; i++)
        {
            var entry = options.AllowedServiceUrls[i];
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.Query.Length > 0)
            {
                errors.Add($"Security:AllowedServiceUrls:{i} ('{entry}') must be an absolute http(s) URL without a query, e.g. https://smba.trafficmanager.net/.");
            }
        }

        for (var i = 0; i < options.AllowedTenantIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.AllowedTenantIds[i]))
            {
                errors.Add($"Security:AllowedTenantIds:{i} is empty: give a tenant id or remove the entry.");
            }
        }

        var botIdentity = identity.Value;
        if (botIdentity.IsAuthenticationEnabled && options.AllowedTenantIds.Count == 0 && string.IsNullOrWhiteSpace(botIdentity.MicrosoftAppTenantId))
        {
            errors.Add("Security:AllowedTenantIds is required when MicrosoftAppId is set and MicrosoftAppTenantId is empty: "
                + "list the Microsoft 365 tenant ids whose users the bot serves (Security:AllowedTenantIds:0, …).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
