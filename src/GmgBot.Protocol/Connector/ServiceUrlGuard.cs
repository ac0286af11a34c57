using System.Net;
using GmgBot.Protocol.Authentication;

namespace GmgBot.Protocol.Connector;

/// <summary>
/// Stops every call to a Bot Connector the <see cref="ChannelAccessPolicy"/> does not allow, before it leaves the
/// machine: a service URL that slipped into a stored conversation cannot make the bot post to an arbitrary host.
/// The refusal is a 403 <see cref="ConnectorException"/>, which callers already read as "this recipient is unreachable".
/// </summary>
public sealed class ServiceUrlGuard(ChannelAccessPolicy policy) : DelegatingHandler
{
    public const string RefusedErrorCode = "ServiceUrlNotAllowed";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { } target || !policy.IsAllowedServiceUrl(target))
        {
            throw new ConnectorException(HttpStatusCode.Forbidden, RefusedErrorCode,
                $"The bot may not call the Bot Connector at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} (see Security:AllowedServiceUrls).");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
