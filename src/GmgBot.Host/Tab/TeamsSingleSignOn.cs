using System.Security.Claims;
using GmgBot.Protocol.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GmgBot.Host.Tab;

/// <summary>Who uses the tab: a Microsoft Entra user of an allowed tenant, or the developer in local development.</summary>
public sealed record TabUser(string AadObjectId, string? TenantId, string? Name, bool IsDeveloper = false);

/// <summary>
/// Teams single sign-on for the tab: the page asks Teams for a token for the app (webApplicationInfo), and this checks
/// it with ASP.NET Core's JWT bearer handler (Microsoft.IdentityModel): signed by Entra's keys (OpenID metadata, refreshed
/// on a new key), issued by Entra for the token's tenant, which must be one the bot serves (Security:AllowedTenantIds),
/// for the audience api://{domain}/{client id} (or the client id, in v2.0 tokens), and within its lifetime.
/// </summary>
public static class TeamsSingleSignOn
{
    public const string Scheme = "TeamsSso";

    /// <summary>The JWT bearer scheme, configured from <see cref="AgendaTabSettings"/>.</summary>
    public static AuthenticationBuilder AddTeamsSingleSignOn(this IServiceCollection services)
    {
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<AgendaTabSettings, ChannelAccessPolicy, TimeProvider>((options, tab, policy, time) =>
        {
            var metadata = new Uri(tab.Options.OpenIdMetadataUrl);
            options.MetadataAddress = metadata.AbsoluteUri;
            // Plain HTTP only for a metadata server on this machine (tests); anything else must be HTTPS.
            options.RequireHttpsMetadata = !metadata.IsLoopback;
            options.MapInboundClaims = false;
            options.TimeProvider = time;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudiences = new[] { tab.ApplicationIdUri, tab.ClientId }.OfType<string>().ToList(),
                ValidateAudience = true,
                IssuerValidator = (issuer, token, _) => ValidIssuer(issuer, token, tab.Issuers, policy),
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromMinutes(5),
                LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(notBefore, expires, parameters, time),
                NameClaimType = "name",
            };
        });
        return services.AddAuthentication().AddJwtBearer(Scheme);
    }

    /// <summary>The tab's user from a validated token; null when it names no user (an app-only token).</summary>
    public static TabUser? UserOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue("oid") is { Length: > 0 } oid
            ? new TabUser(oid, principal.FindFirstValue("tid"), principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username"))
            : null;

    // Entra signs every tenant's tokens with the same keys, so the issuer must name the token's own tenant, one we serve.
    private static string ValidIssuer(string issuer, SecurityToken token, IReadOnlyList<string> issuers, ChannelAccessPolicy policy)
    {
        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if (string.IsNullOrEmpty(tenant) || (policy.AllowedTenants.Count > 0 && !policy.AllowedTenants.Contains(tenant)))
        {
            throw new SecurityTokenInvalidIssuerException($"The token's tenant '{tenant}' is not one this bot serves.");
        }
        return issuers.Any(template => string.Equals(template.Replace("{tenantid}", tenant, StringComparison.Ordinal), issuer, StringComparison.Ordinal))
            ? issuer
            : throw new SecurityTokenInvalidIssuerException($"The token's issuer '{issuer}' is not Microsoft Entra's for tenant '{tenant}'.");
    }

    // IdentityModel's own lifetime check reads the system clock; this one reads the injected TimeProvider.
    private static bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, TokenValidationParameters parameters, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && exp.ToUniversalTime() >= now - parameters.ClockSkew
            && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + parameters.ClockSkew);
    }
}

/// <summary>
/// The tab's user for a request: the Teams token's user (a bad token is refused with 401); with no token, the configured
/// developer, but only in Development where the bot trusts unauthenticated users (no app id, loopback); else nobody: the public agenda.
/// </summary>
public sealed class TabUsers(AgendaTabSettings settings, ChannelAccessPolicy policy, IHostEnvironment environment)
{
    public async Task<TabUser?> ResolveAsync(HttpContext http)
    {
        if (string.IsNullOrEmpty(http.Request.Headers.Authorization))
        {
            return policy.TrustsUnauthenticatedUsers && environment.IsDevelopment() && settings.Options.DeveloperAadObjectId is { Length: > 0 } developer
                ? new TabUser(developer, TenantId: null, Name: null, IsDeveloper: true)
                : null;
        }
        if (settings.ClientId is null)
        {
            throw new RequestRejectedException(StatusCodes.Status401Unauthorized, "Single sign-on is off",
                "This bot has no app registration for Teams single sign-on (AgendaTab:ClientId or MicrosoftAppId), so it cannot check the token.");
        }
        var result = await http.AuthenticateAsync(TeamsSingleSignOn.Scheme);
        if (!result.Succeeded || TeamsSingleSignOn.UserOf(result.Principal) is not { } user)
        {
            throw new RequestRejectedException(StatusCodes.Status401Unauthorized, "Sign-in failed",
                "The Teams sign-in token is not valid for this app: " + (result.Failure?.Message ?? "it names no user."));
        }
        return user;
    }
}
