using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GmgBot.Host.Tests.Tab;

/// <summary>
/// Microsoft Entra's side of Teams single sign-on, on this machine: an RSA key generated per run, the OpenID metadata
/// and key set served by a <see cref="LocalServer"/>, and tokens shaped like the ones Teams hands a tab (v2.0).
/// </summary>
public sealed class FakeEntra : IAsyncDisposable
{
    public const string ClientId = "11111111-2222-4333-8444-555555555555";
    public const string Domain = "gmgbot.example.org";
    public const string Audience = $"api://{Domain}/{ClientId}";
    public const string TeamsClient = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "entra-key" };
    private LocalServer? _server;

    public string MetadataUrl => new Uri(_server!.BaseAddress, "common/v2.0/.well-known/openid-configuration").AbsoluteUri;

    /// <summary>The settings that point the bot's tab at this issuer.</summary>
    public IDictionary<string, string?> Settings(string tenant) => new Dictionary<string, string?>
    {
        ["AgendaTab:ClientId"] = ClientId,
        ["AgendaTab:OpenIdMetadataUrl"] = MetadataUrl,
        ["Calendar:PublicBaseUrl"] = $"https://{Domain}/",
        ["Security:AllowedTenantIds:0"] = tenant,
    };

    public static async Task<FakeEntra> StartAsync()
    {
        var entra = new FakeEntra();
        entra._server = await LocalServer.StartAsync(entra.RespondAsync);
        return entra;
    }

    /// <summary>A token for the tab as Teams gets it for <paramref name="objectId"/>, issued at <paramref name="now"/>.</summary>
    public string Token(string objectId, string tenant, DateTimeOffset now, string audience = Audience, TimeSpan? lifetime = null, string? name = "Ana Delegate")
    {
        var issued = now.UtcDateTime.AddMinutes(-1);
        var claims = new Dictionary<string, object> { ["oid"] = objectId, ["tid"] = tenant, ["azp"] = TeamsClient, ["scp"] = "access_as_user", ["ver"] = "2.0" };
        if (name is not null)
        {
            claims["name"] = name;
        }
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://login.microsoftonline.com/{tenant}/v2.0",
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    private Task RespondAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path.EndsWith("/openid-configuration", StringComparison.Ordinal))
        {
            return context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["issuer"] = "https://login.microsoftonline.com/{tenantid}/v2.0",
                ["jwks_uri"] = new Uri(_server!.BaseAddress, "common/discovery/v2.0/keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            });
        }
        if (request.Path.EndsWith("/keys", StringComparison.Ordinal))
        {
            var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
            return context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = _key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                }),
            });
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        _key.Rsa.Dispose();
    }
}
