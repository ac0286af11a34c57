using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using GmgBot.Protocol.Authentication;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Protocol.Tests;

public sealed class BotTokenProviderTests : IAsyncLifetime
{
    private readonly X509Certificate2 _certificate = LocalServer.CreateSelfSignedCertificate();
    private LocalServer _login = null!;

    // A local stand-in for login.microsoftonline.com's v2 token endpoint (MSAL insists on HTTPS).
    public async Task InitializeAsync() => _login = await LocalServer.StartAsync(
        (context, _) => context.Response.WriteAsJsonAsync(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = "issued-token" }),
        _certificate);

    public async Task DisposeAsync()
    {
        await _login.DisposeAsync();
        _certificate.Dispose();
    }

    private IBotTokenProvider CreateProvider(IDictionary<string, string?> settings) =>
        ProtocolServices.Create(settings, services => services
            .AddHttpClient(BotFrameworkServiceCollectionExtensions.TokenHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _certificate.Thumbprint,
            })).GetRequiredService<IBotTokenProvider>();

    [Fact]
    public async Task Client_credentials_are_exchanged_once_and_the_token_is_cached()
    {
        var provider = CreateProvider(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app-1",
            ["MicrosoftAppPassword"] = "s3cret",
            ["ToChannelFromBotLoginUrl"] = new Uri(_login.BaseAddress, "botframework.com").AbsoluteUri,
        });

        var first = await provider.GetAccessTokenAsync(CancellationToken.None);
        var second = await provider.GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(("issued-token", "issued-token"), (first, second));
        var request = Assert.Single(_login.Requests);
        Assert.Equal("/botframework.com/oauth2/v2.0/token", request.Path);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("client_credentials", form["grant_type"].ToString());
        Assert.Equal("app-1", form["client_id"].ToString());
        Assert.Equal("s3cret", form["client_secret"].ToString());
        Assert.Equal("https://api.botframework.com/.default", form["scope"].ToString());
    }

    [Fact]
    public async Task No_app_id_means_no_token()
    {
        var provider = CreateProvider(new Dictionary<string, string?>());

        Assert.Null(await provider.GetAccessTokenAsync(CancellationToken.None));
        Assert.Empty(_login.Requests);
    }

    [Theory]
    [InlineData("MultiTenant", null, "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", "tenant-9", "https://login.microsoftonline.com/tenant-9")]
    public void The_authority_follows_the_app_type(string appType, string? tenant, string authority)
    {
        var options = new BotFrameworkOptions
        {
            MicrosoftAppId = "app-1",
            MicrosoftAppType = Enum.Parse<BotAppType>(appType),
            MicrosoftAppTenantId = tenant,
        };

        Assert.Equal(authority, options.LoginAuthority);
    }

    [Theory]
    [InlineData("SingleTenant", "secret", null)]
    [InlineData("MultiTenant", null, null)]
    [InlineData("UserAssignedMsi", null, null)]
    public void Incomplete_identity_settings_fail_validation_on_start(string appType, string? password, string? tenant)
    {
        var services = ProtocolServices.Create(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "app-1",
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppPassword"] = password,
            ["MicrosoftAppTenantId"] = tenant,
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotFrameworkOptions>>().Value);
        Assert.Contains("Microsoft", error.Message, StringComparison.Ordinal);
    }
}
