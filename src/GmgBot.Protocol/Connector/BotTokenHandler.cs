using System.Net.Http.Headers;
using GmgBot.Protocol.Authentication;

namespace GmgBot.Protocol.Connector;

/// <summary>Puts the bot's bearer token on every call to the Bot Connector (each retry asks again: tokens expire).</summary>
public sealed class BotTokenHandler(IBotTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await tokens.GetAccessTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
