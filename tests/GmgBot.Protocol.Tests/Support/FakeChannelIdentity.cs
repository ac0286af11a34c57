using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GmgBot.Protocol.Tests.Support;

/// <summary>What a test token says; defaults are a valid Bot Connector token for <see cref="FakeChannelIdentity.AppId"/>.</summary>
public sealed record TokenSpec
{
    public string Issuer { get; init; } = "https://api.botframework.com";
    public string Audience { get; init; } = FakeChannelIdentity.AppId;
    public string? ServiceUrl { get; init; }
    public TimeSpan NotBeforeOffset { get; init; } = TimeSpan.FromMinutes(-1);
    public TimeSpan ExpiresOffset { get; init; } = TimeSpan.FromMinutes(30);
    public string KeyId { get; init; } = FakeChannelIdentity.EndorsedKeyId;
    /// <summary>Sign with a key the JWKS does not hold (under <see cref="KeyId"/>): a forged signature.</summary>
    public bool ForgeSignature { get; init; }
    public string Algorithm { get; init; } = SecurityAlgorithms.RsaSha256;
    public bool Unsigned { get; init; }
}

/// <summary>
/// The Bot Connector's side of inbound authentication, on this machine: RSA keys generated per run, an OpenID
/// metadata document and a JWKS (with "endorsements", as login.botframework.com publishes) served by a
/// <see cref="LocalServer"/>, and tokens signed like the connector's.
/// </summary>
public sealed class FakeChannelIdentity : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07a";
    public const string EndorsedKeyId = "teams-key";
    public const string WebChatOnlyKeyId = "webchat-key";
    public const string RotatedKeyId = "rotated-key";

    private readonly Dictionary<string, RsaSecurityKey> _keys = new()
    {
        [EndorsedKeyId] = NewKey(EndorsedKeyId),
        [WebChatOnlyKeyId] = NewKey(WebChatOnlyKeyId),
        [RotatedKeyId] = NewKey(RotatedKeyId),
    };

    private readonly RsaSecurityKey _forger = NewKey("forger");
    private LocalServer? _server;
    private volatile bool _rotated;

    public string MetadataUrl => new Uri(_server!.BaseAddress, "v1/.well-known/openidconfiguration").AbsoluteUri;

    public int KeySetRequests => _server!.Requests.Count(r => r.Path.EndsWith("/keys", StringComparison.Ordinal));

    public static async Task<FakeChannelIdentity> StartAsync()
    {
        var identity = new FakeChannelIdentity();
        identity._server = await LocalServer.StartAsync(identity.RespondAsync);
        return identity;
    }

    /// <summary>Publishes <see cref="RotatedKeyId"/> from now on, as a key rotation would.</summary>
    public void RotateKeys() => _rotated = true;

    public string CreateToken(TokenSpec spec)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["appid"] = "channel-app" };
        if (spec.ServiceUrl is not null)
        {
            claims["serviceurl"] = spec.ServiceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            IssuedAt = now + spec.NotBeforeOffset,
            NotBefore = now + spec.NotBeforeOffset,
            Expires = now + spec.ExpiresOffset,
            Claims = claims,
        };

        if (!spec.Unsigned)
        {
            var key = spec.ForgeSignature ? new RsaSecurityKey(_forger.Rsa) { KeyId = spec.KeyId } : _keys[spec.KeyId];
            descriptor.SigningCredentials = new SigningCredentials(key, spec.Algorithm);
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private Task RespondAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path.EndsWith("/openidconfiguration", StringComparison.Ordinal))
        {
            return context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["issuer"] = "https://api.botframework.com",
                ["authorization_endpoint"] = "https://invalid.botframework.com",
                ["jwks_uri"] = new Uri(_server!.BaseAddress, "v1/.well-known/keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
        }

        if (request.Path.EndsWith("/keys", StringComparison.Ordinal))
        {
            var keys = new JsonArray(
                Jwk(_keys[EndorsedKeyId], "msteams", "skype", "webchat"),
                Jwk(_keys[WebChatOnlyKeyId], "webchat", "directline"));
            if (_rotated)
            {
                keys.Add(Jwk(_keys[RotatedKeyId], "msteams"));
            }

            return context.Response.WriteAsJsonAsync(new JsonObject { ["keys"] = keys });
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static JsonObject Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)e).ToArray()),
        };
    }

    private static RsaSecurityKey NewKey(string keyId) => new(RSA.Create(2048)) { KeyId = keyId };

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        foreach (var key in _keys.Values.Append(_forger))
        {
            key.Rsa.Dispose();
        }
    }
}
