using System.Collections;
using System.Security.Claims;
using System.Text.Json;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace GmgBot.Protocol.Authentication;

/// <summary>Decides whether an inbound request really comes from the Bot Connector for this bot.</summary>
public interface IChannelAuthenticator
{
    /// <summary>The caller's identity, or <see cref="UnauthorizedAccessException"/> when the request must be refused.</summary>
    Task<ClaimsIdentity> AuthenticateAsync(string? authHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>
/// Validates the Bot Connector's bearer token as the Bot Framework SDK does: keys from the channel's OpenID
/// metadata (cached, refreshed when a token names an unknown key), issuer, audience = app id, lifetime with
/// skew, RS256/384/512 only, the serviceurl claim, and the signing key's endorsement for the activity's channel.
/// </summary>
public sealed class ChannelAuthenticator : IChannelAuthenticator
{
    private readonly BotFrameworkOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelAuthenticator> _logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly LogLimiter _refusals;

    static ChannelAuthenticator()
    {
        // IdentityModel 8 refreshes metadata in the background by default, so the request that names a newly
        // rotated key would fail. Blocking refresh (the behaviour the SDK relies on) validates it right away.
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    public ChannelAuthenticator(IOptions<BotFrameworkOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<ChannelAuthenticator> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _refusals = new LogLimiter(time, TimeSpan.FromMinutes(1));
        var metadataUrl = new Uri(_options.ToBotFromChannelOpenIdMetadataUrl);
        var retriever = new HttpDocumentRetriever(httpClientFactory.CreateClient(BotFrameworkServiceCollectionExtensions.MetadataHttpClientName))
        {
            // Plain HTTP only for a metadata server on this machine (tests); anything else must be HTTPS.
            RequireHttps = !metadataUrl.IsLoopback,
        };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(metadataUrl.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public async Task<ClaimsIdentity> AuthenticateAsync(string? authHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authHeader))
        {
            if (_options.IsAuthenticationEnabled)
            {
                throw Refuse("no token", "the request carries no Authorization header");
            }

            return new ClaimsIdentity(AuthenticationConstants.AnonymousAuthType);
        }

        if (!_options.IsAuthenticationEnabled)
        {
            // A token is only ever valid for an audience (the app id); with none configured, no token can be.
            throw Refuse("token without app id", "a token was sent but no MicrosoftAppId is configured to validate it against");
        }

        var token = ReadBearerToken(authHeader);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.ToBotFromChannelTokenIssuer,
            ValidAudience = _options.MicrosoftAppId,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
            ValidAlgorithms = AuthenticationConstants.AllowedSigningAlgorithms,
            LifetimeValidator = IsWithinLifetime,
            // With the manager set, the handler refreshes the keys once when a token names an unknown kid.
            ConfigurationManager = _metadata,
        };

        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Refuse("validation failed: " + ex.GetType().Name, $"the token could not be validated ({ex.GetType().Name})", ex);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            var why = result.Exception?.GetType().Name ?? "not a JWT";
            throw Refuse("invalid token: " + why, $"the token is not valid ({why})", result.Exception);
        }

        if (!jwt.TryGetPayloadValue<string>(AuthenticationConstants.ServiceUrlClaim, out var serviceUrl)
            || !string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("serviceurl mismatch", "the token's serviceurl claim does not match the activity's serviceUrl");
        }

        var endorsements = await GetEndorsementsAsync(jwt.Kid, cancellationToken);
        if (string.IsNullOrEmpty(activity.ChannelId) || !endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            throw Refuse("channel not endorsed", $"signing key '{jwt.Kid}' is not endorsed for channel '{activity.ChannelId}'");
        }

        return result.ClaimsIdentity;
    }

    // IdentityModel's own lifetime check reads the system clock; this one reads the injected TimeProvider.
    private bool IsWithinLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp
            && exp.ToUniversalTime() >= now - parameters.ClockSkew
            && (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + parameters.ClockSkew);
    }

    /// <summary>
    /// The channels the key may sign for: the "endorsements" array the Bot Framework adds to each JWKS key
    /// (what the SDK's EndorsementsRetriever reads). IdentityModel keeps it in the key's AdditionalData.
    /// </summary>
    private async Task<IReadOnlyList<string>> GetEndorsementsAsync(string? keyId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(keyId))
        {
            return [];
        }

        var configuration = await _metadata.GetConfigurationAsync(cancellationToken);
        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue(AuthenticationConstants.EndorsementsProperty, out var value))
        {
            return [];
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            string single => [single],
            IEnumerable items => items.OfType<object>().Select(i => i.ToString()).OfType<string>().ToList(),
            _ => [],
        };
    }

    private string ReadBearerToken(string authHeader)
    {
        var parts = authHeader.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse("not bearer", "the Authorization header is not a Bearer token");
        }

        return parts[1].Trim();
    }

    /// <summary>
    /// Logged without the stack trace, once per cause and minute at most (anyone can send a bad token, as often as they
    /// like); <paramref name="cause"/> is a fixed name or an exception type (a small set), <paramref name="reason"/> what
    /// this request did wrong.
    /// </summary>
    private UnauthorizedAccessException Refuse(string cause, string reason, Exception? inner = null)
    {
        if (_refusals.TryEnter(cause, out var suppressed))
        {
            _logger.LogWarning("Refused an inbound request: {Reason} ({Suppressed} other refusals for this cause since the last report).", reason, suppressed);
        }

        return new UnauthorizedAccessException($"Unauthorized: {reason}.", inner);
    }
}
