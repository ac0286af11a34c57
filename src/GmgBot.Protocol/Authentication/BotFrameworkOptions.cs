using System.ComponentModel.DataAnnotations;

namespace GmgBot.Protocol.Authentication;

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMsi,
}

/// <summary>
/// The bot's identity and the Bot Framework endpoints, under the setting names the official SDK reads
/// (configuration root: MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId, …).
/// No app id means authentication is off: local development and the Agents Playground.
/// </summary>
public sealed class BotFrameworkOptions : IValidatableObject
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const string DefaultLoginHost = "https://login.microsoftonline.com";
    public const string DefaultOAuthScope = "https://api.botframework.com";
    public const string MultiTenantAuthority = "botframework.com";

    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public BotAppType MicrosoftAppType { get; set; } = BotAppType.MultiTenant;
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>Where the channel's signing keys are published (the SDK's ToBotFromChannelOpenIdMetadataUrl).</summary>
    [Required, Url]
    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = DefaultOpenIdMetadataUrl;

    /// <summary>The only issuer accepted on inbound tokens.</summary>
    [Required]
    public string ToBotFromChannelTokenIssuer { get; set; } = DefaultTokenIssuer;

    /// <summary>
    /// The authority outbound tokens come from. Empty: login.microsoftonline.com/botframework.com for
    /// MultiTenant bots, login.microsoftonline.com/{tenant} for SingleTenant ones.
    /// </summary>
    [Url]
    public string? ToChannelFromBotLoginUrl { get; set; }

    /// <summary>The resource outbound tokens are for; ".default" is appended for the client-credentials scope.</summary>
    [Required]
    public string ToChannelFromBotOAuthScope { get; set; } = DefaultOAuthScope;

    /// <summary>Clock skew allowed on inbound token lifetimes (the SDK allows five minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsAuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public string LoginAuthority => !string.IsNullOrWhiteSpace(ToChannelFromBotLoginUrl)
        ? ToChannelFromBotLoginUrl.TrimEnd('/')
        : $"{DefaultLoginHost}/{(MicrosoftAppType == BotAppType.MultiTenant ? MultiTenantAuthority : MicrosoftAppTenantId)}";

    public string OAuthScope => ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAuthenticationEnabled)
        {
            yield break;
        }

        if (MicrosoftAppType is BotAppType.MultiTenant or BotAppType.SingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new ValidationResult(
                $"MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is {MicrosoftAppType}.",
                [nameof(MicrosoftAppPassword)]);
        }

        if (MicrosoftAppType is BotAppType.SingleTenant or BotAppType.UserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new ValidationResult(
                $"MicrosoftAppTenantId is required when MicrosoftAppType is {MicrosoftAppType}.",
                [nameof(MicrosoftAppTenantId)]);
        }
    }
}
