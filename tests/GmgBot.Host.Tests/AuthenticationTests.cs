using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Tests.Support;
using GmgBot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace GmgBot.Host.Tests;

/// <summary>
/// Inbound authentication over HTTP, with RSA keys generated for the run and served as OpenID metadata + JWKS
/// from a local server: everything but a correct Bot Connector token for this bot is refused with 401.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private FakeChannelIdentity _channel = null!;
    private BotHost _host = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannelIdentity.StartAsync();
        _host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = FakeChannelIdentity.AppId,
            ["MicrosoftAppPassword"] = "not-used-by-these-tests",
            ["MicrosoftAppTenantId"] = "72f988bf-0000-0000-0000-0000000000aa",
            ["ToBotFromChannelOpenIdMetadataUrl"] = _channel.MetadataUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _channel.DisposeAsync();
    }

    // expectReplies keeps the accepted case free of outbound calls (which would need an outbound token).
    private JsonObject Activity()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["deliveryMode"] = "expectReplies";
        return activity;
    }

    public static TheoryData<string, TokenSpec> RefusedTokens => new()
    {
        { "bad signature", new TokenSpec { ForgeSignature = true } },
        { "expired", new TokenSpec { NotBeforeOffset = TimeSpan.FromHours(-2), ExpiresOffset = TimeSpan.FromMinutes(-6) } },
        { "not yet valid", new TokenSpec { NotBeforeOffset = TimeSpan.FromMinutes(6), ExpiresOffset = TimeSpan.FromHours(1) } },
        { "wrong issuer", new TokenSpec { Issuer = "https://sts.windows.net/some-tenant/" } },
        { "wrong audience", new TokenSpec { Audience = "11111111-2222-3333-4444-555555555555" } },
        { "serviceurl mismatch", new TokenSpec { ServiceUrl = "https://attacker.example/" } },
        { "key not endorsed for msteams", new TokenSpec { KeyId = FakeChannelIdentity.WebChatOnlyKeyId } },
        { "alg none", new TokenSpec { Unsigned = true } },
        { "unknown key id", new TokenSpec { KeyId = FakeChannelIdentity.RotatedKeyId } },
        { "algorithm outside RS256/384/512", new TokenSpec { Algorithm = SecurityAlgorithms.RsaSsaPssSha256 } },
    };

    [Fact]
    public async Task A_request_without_a_token_is_refused()
    {
        var response = await _host.PostAsync(Activity());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_fails_a_check_is_refused(string check, TokenSpec spec)
    {
        var token = _channel.CreateToken(spec with { ServiceUrl = spec.ServiceUrl ?? _host.ServiceUrl });

        var response = await _host.PostAsync(Activity(), "Bearer " + token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{check}: got {(int)response.StatusCode}");
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer garbage")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task A_malformed_authorization_header_is_refused(string header)
    {
        var response = await _host.PostAsync(Activity(), header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task A_valid_connector_token_is_accepted(string algorithm)
    {
        var token = _channel.CreateToken(new TokenSpec { ServiceUrl = _host.ServiceUrl, Algorithm = algorithm });

        var response = await _host.PostAsync(Activity(), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Here is what I can do", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authenticated_turn_replies_to_the_service_url_its_token_names_with_the_bots_own_token()
    {
        var tokens = new Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetAccessTokenAsync(It.IsAny<CancellationToken>())).ReturnsAsync("bot-token");
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = FakeChannelIdentity.AppId,
            ["MicrosoftAppPassword"] = "not-used-by-these-tests",
            ["MicrosoftAppTenantId"] = "72f988bf-0000-0000-0000-0000000000aa",
            ["ToBotFromChannelOpenIdMetadataUrl"] = _channel.MetadataUrl,
        }, services => services.AddSingleton(tokens.Object));
        var token = _channel.CreateToken(new TokenSpec { ServiceUrl = host.ServiceUrl });

        var response = await host.PostAsync(host.LoadActivity("personal-message"), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(host.Connector.Requests);
        Assert.Equal("Bearer bot-token", request.Authorization);
        Assert.Contains("Here is what I can do", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_within_the_five_minute_clock_skew_is_accepted()
    {
        var token = _channel.CreateToken(new TokenSpec
        {
            ServiceUrl = _host.ServiceUrl,
            NotBeforeOffset = TimeSpan.FromHours(-1),
            ExpiresOffset = TimeSpan.FromMinutes(-3),
        });

        var response = await _host.PostAsync(Activity(), "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>With no app id (local development, the Agents Playground) requests run anonymously.</summary>
public sealed class AnonymousAuthenticationTests : IAsyncLifetime
{
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_without_a_token_is_accepted()
    {
        var response = await _host.PostAsync(_host.LoadActivity("personal-message"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.SentActivities());
        Assert.Null(_host.Connector.Requests[0].Authorization);
    }

    [Theory]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.")]
    public async Task A_request_that_carries_a_garbage_token_is_still_refused(string header)
    {
        var response = await _host.PostAsync(_host.LoadActivity("personal-message"), header);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }
}
