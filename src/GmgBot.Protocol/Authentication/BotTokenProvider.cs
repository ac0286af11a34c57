using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace GmgBot.Protocol.Authentication;

/// <summary>The bearer token the bot presents to the Bot Connector; null when authentication is off.</summary>
public interface IBotTokenProvider
{
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Tokens from Microsoft Entra ID through MSAL: client credentials (app id + secret) for MultiTenant and
/// SingleTenant bots, the user-assigned managed identity for UserAssignedMsi. MSAL's in-memory cache keeps a
/// token until shortly before it expires, so most calls cost nothing.
/// </summary>
public sealed class MsalBotTokenProvider : IBotTokenProvider
{
    private readonly BotFrameworkOptions _options;
    private readonly Lazy<Func<CancellationToken, Task<string>>> _acquire;

    public MsalBotTokenProvider(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClientFactory)
    {
        _options = options.Value;
        var msalHttp = new MsalHttpClientFactory(httpClientFactory);
        _acquire = new(() => _options.MicrosoftAppType == BotAppType.UserAssignedMsi
            ? CreateManagedIdentity(msalHttp)
            : CreateClientCredentials(msalHttp));
    }

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        if (!_options.IsAuthenticationEnabled)
        {
            return null;
        }

        return await _acquire.Value(cancellationToken);
    }

    private Func<CancellationToken, Task<string>> CreateClientCredentials(IMsalHttpClientFactory http)
    {
        // Instance discovery only makes sense against Microsoft's own login hosts, not an overridden authority.
        var isDefaultAuthority = string.IsNullOrWhiteSpace(_options.ToChannelFromBotLoginUrl);
        var app = ConfidentialClientApplicationBuilder.Create(_options.MicrosoftAppId)
            .WithClientSecret(_options.MicrosoftAppPassword)
            .WithAuthority(_options.LoginAuthority, validateAuthority: isDefaultAuthority)
            .WithInstanceDiscovery(isDefaultAuthority)
            .WithHttpClientFactory(http)
            .Build();
        string[] scopes = [_options.OAuthScope];
        return async ct => (await app.AcquireTokenForClient(scopes).ExecuteAsync(ct)).AccessToken;
    }

    private Func<CancellationToken, Task<string>> CreateManagedIdentity(IMsalHttpClientFactory http)
    {
        var app = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(_options.MicrosoftAppId))
            .WithHttpClientFactory(http)
            .Build();
        var resource = _options.ToChannelFromBotOAuthScope.TrimEnd('/');
        return async ct => (await app.AcquireTokenForManagedIdentity(resource).ExecuteAsync(ct)).AccessToken;
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(BotFrameworkServiceCollectionExtensions.TokenHttpClientName);
    }
}
