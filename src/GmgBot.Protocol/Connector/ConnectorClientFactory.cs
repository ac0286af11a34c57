using Microsoft.Extensions.Options;

namespace GmgBot.Protocol.Connector;

public sealed class ConnectorClientFactory(IHttpClientFactory httpClientFactory, IOptions<BotConnectorOptions> options) : IConnectorClientFactory
{
    public IConnectorClient Create(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{serviceUrl}' is not an absolute http(s) service URL.", nameof(serviceUrl));
        }

        return new ConnectorClient(
            httpClientFactory.CreateClient(BotFrameworkServiceCollectionExtensions.ConnectorHttpClientName), uri, options.Value.MaxResponseBytes);
    }
}
