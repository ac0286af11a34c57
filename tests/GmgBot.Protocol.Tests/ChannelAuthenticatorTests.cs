using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Protocol.Tests;

// The full accept/refuse matrix runs over HTTP in GmgBot.Host.Tests; these cover caching and key rotation.
public sealed class ChannelAuthenticatorTests : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private FakeChannelIdentity _channel = null!;

    public async Task InitializeAsync() => _channel = await FakeChannelIdentity.StartAsync();

    public async Task DisposeAsync() => await _channel.DisposeAsync();

    private IChannelAuthenticator CreateAuthenticator(string? appId = FakeChannelIdentity.AppId) =>
        ProtocolServices.Create(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId,
            ["MicrosoftAppPassword"] = "secret",
            ["ToBotFromChannelOpenIdMetadataUrl"] = _channel.MetadataUrl,
        }).GetRequiredService<IChannelAuthenticator>();

    private static Activity TeamsActivity() => new() { Type = ActivityTypes.Message, ChannelId = Channels.Msteams, ServiceUrl = ServiceUrl };

    private string Token(TokenSpec? spec = null) => "Bearer " + _channel.CreateToken((spec ?? new TokenSpec()) with { ServiceUrl = ServiceUrl });

    [Fact]
    public async Task A_valid_token_yields_the_connectors_claims()
    {
        var identity = await CreateAuthenticator().AuthenticateAsync(Token(), TeamsActivity(), CancellationToken.None);

        Assert.True(identity.IsAuthenticated);
        Assert.Equal(FakeChannelIdentity.AppId, identity.FindFirst("aud")!.Value);
        Assert.Equal(ServiceUrl, identity.FindFirst("serviceurl")!.Value);
    }

    [Fact]
    public async Task Signing_keys_are_fetched_once_and_cached()
    {
        var authenticator = CreateAuthenticator();

        for (var i = 0; i < 3; i++)
        {
            await authenticator.AuthenticateAsync(Token(), TeamsActivity(), CancellationToken.None);
        }

        Assert.Equal(1, _channel.KeySetRequests);
    }

    [Fact]
    public async Task A_token_signed_with_a_newly_published_key_is_accepted_after_one_refresh()
    {
        var authenticator = CreateAuthenticator();
        await authenticator.AuthenticateAsync(Token(), TeamsActivity(), CancellationToken.None);

        _channel.RotateKeys();
        var identity = await authenticator.AuthenticateAsync(Token(new TokenSpec { KeyId = FakeChannelIdentity.RotatedKeyId }), TeamsActivity(), CancellationToken.None);

        Assert.True(identity.IsAuthenticated);
        Assert.Equal(2, _channel.KeySetRequests);
    }

    [Fact]
    public async Task Without_an_app_id_requests_without_a_header_run_anonymously()
    {
        var identity = await CreateAuthenticator(appId: null).AuthenticateAsync(null, TeamsActivity(), CancellationToken.None);

        Assert.Equal(AuthenticationConstants.AnonymousAuthType, identity.AuthenticationType);
        Assert.Empty(identity.Claims);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Without_an_app_id_a_request_that_carries_a_header_is_still_refused(string header)
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            CreateAuthenticator(appId: null).AuthenticateAsync(header, TeamsActivity(), CancellationToken.None));
    }

    [Fact]
    public async Task A_token_from_another_channel_than_its_key_is_endorsed_for_is_refused()
    {
        var activity = TeamsActivity();
        activity.ChannelId = "slack";

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CreateAuthenticator().AuthenticateAsync(Token(), activity, CancellationToken.None));
    }
}
