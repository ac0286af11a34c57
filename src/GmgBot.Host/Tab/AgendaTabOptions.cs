using GmgBot.Host.Calendar;
using GmgBot.Host.Security;
using GmgBot.Protocol.Authentication;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Tab;

/// <summary>The personal "Agenda" tab and its Teams single sign-on (configuration section <c>AgendaTab</c>).</summary>
public sealed class AgendaTabOptions
{
    public const string SectionName = "AgendaTab";

    /// <summary>The issuers of Microsoft Entra tokens (v2.0 and v1.0); {tenantid} stands for the token's tenant.</summary>
    public static readonly IReadOnlyList<string> EntraIssuers = ["https://login.microsoftonline.com/{tenantid}/v2.0", "https://sts.windows.net/{tenantid}/"];

    /// <summary>
    /// The Entra app registration Teams gets the tab's single sign-on token for (the manifest's webApplicationInfo.id).
    /// Empty: MicrosoftAppId. A bot that runs as a managed identity needs an app registration of its own here.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>The token's audience (webApplicationInfo.resource). Empty: api://{host of Calendar:PublicBaseUrl}/{ClientId}.</summary>
    public string? ApplicationIdUri { get; set; }

    /// <summary>Where the signing keys of Entra tokens are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Accepted token issuers, {tenantid} standing for the token's tenant (which must be allowed). Empty: Entra's.</summary>
    public List<string> Issuers { get; set; } = [];

    /// <summary>The Teams app's id (the manifest's id): links in shared cards then open the tab inside Teams, else the agenda page.</summary>
    public string? TeamsAppId { get; set; }

    /// <summary>
    /// Local development only (no MicrosoftAppId, loopback): the Entra object id the tab takes as its user when there is no
    /// Teams token, e.g. the Agents Playground's user, so that "My schedule" shows that user's reminders.
    /// </summary>
    public string? DeveloperAadObjectId { get; set; }

    /// <summary>Pages that may show the tab in a frame (CSP frame-ancestors), beyond the bot's own. Empty: Teams' and Microsoft 365's web clients.</summary>
    public List<string> FrameAncestors { get; set; } = [];

    /// <summary>Teams, Outlook and Microsoft 365 web clients, which host personal tabs.</summary>
    public static readonly IReadOnlyList<string> TeamsFrameAncestors =
        ["https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://teams.cloud.microsoft", "https://*.cloud.microsoft",
         "https://*.office.com", "https://outlook.office365.com", "https://*.microsoft365.com"];
}

/// <summary>The tab's settings as they apply: the single sign-on app and audience, and the issuers it accepts.</summary>
public sealed class AgendaTabSettings(IOptions<AgendaTabOptions> options, IOptions<BotFrameworkOptions> bot, IOptions<CalendarOptions> calendar, ListenAddresses listening)
{
    public AgendaTabOptions Options => options.Value;

    /// <summary>Null when no app registration is configured: the tab then shows the public agenda only.</summary>
    public string? ClientId => NonEmpty(options.Value.ClientId) ?? NonEmpty(bot.Value.MicrosoftAppId);

    public Uri? PublicBaseUrl => listening.PublicBaseUrl(calendar.Value.PublicBaseUrl);

    public string? ApplicationIdUri => NonEmpty(options.Value.ApplicationIdUri)
        ?? (ClientId is { } id && PublicBaseUrl is { } site ? $"api://{site.Authority}/{id}" : null);

    public IReadOnlyList<string> FrameAncestors => options.Value.FrameAncestors.Count > 0 ? options.Value.FrameAncestors : AgendaTabOptions.TeamsFrameAncestors;

    public IReadOnlyList<string> Issuers => options.Value.Issuers.Count > 0 ? options.Value.Issuers : AgendaTabOptions.EntraIssuers;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Checks the tab's settings at start, naming the setting that is wrong.</summary>
public sealed class AgendaTabOptionsValidator : IValidateOptions<AgendaTabOptions>
{
    public ValidateOptionsResult Validate(string? name, AgendaTabOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.OpenIdMetadataUrl, UriKind.Absolute, out var metadata)
            || !(metadata.Scheme == Uri.UriSchemeHttps || (metadata.Scheme == Uri.UriSchemeHttp && metadata.IsLoopback)))
        {
            errors.Add($"AgendaTab:OpenIdMetadataUrl must be an absolute https URL (http only on loopback); got '{options.OpenIdMetadataUrl}'.");
        }
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            if (!options.Issuers[i].Contains("{tenantid}", StringComparison.Ordinal))
            {
                errors.Add($"AgendaTab:Issuers:{i} ('{options.Issuers[i]}') must contain {{tenantid}}, where the token's tenant goes.");
            }
        }
        foreach (var (setting, value) in new[] { ("ClientId", options.ClientId), ("TeamsAppId", options.TeamsAppId) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Guid.TryParse(value, out _))
            {
                errors.Add($"AgendaTab:{setting} must be a GUID; got '{value}'.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
