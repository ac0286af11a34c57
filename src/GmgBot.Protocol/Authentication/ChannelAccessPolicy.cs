using Microsoft.Extensions.Options;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol.Authentication;

/// <summary>
/// What the bot accepts beyond a valid token: Teams activities of the allowed tenants, channel endpoints it may call,
/// and whether an unauthenticated sender's claims about who they are can be believed.
/// </summary>
public sealed class ChannelAccessPolicy
{
    private readonly HashSet<string> _tenants;
    private readonly IReadOnlyList<Uri> _serviceUrls;

    public ChannelAccessPolicy(IOptions<BotFrameworkOptions> identity, IOptions<BotAccessOptions> access)
    {
        var options = access.Value;
        IsAuthenticationEnabled = identity.Value.IsAuthenticationEnabled;
        AllowsAnonymousNetworkAccess = options.AllowAnonymousNetworkAccess;
        IEnumerable<string> tenants = options.AllowedTenantIds.Count > 0 ? options.AllowedTenantIds
            : string.IsNullOrWhiteSpace(identity.Value.MicrosoftAppTenantId) ? [] : [identity.Value.MicrosoftAppTenantId];
        _tenants = new HashSet<string>(tenants.Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        _serviceUrls = [.. options.AllowedServiceUrls.Select(u => new Uri(u.EndsWith('/') ? u : u + "/"))];
    }

    public bool IsAuthenticationEnabled { get; }

    public bool AllowsAnonymousNetworkAccess { get; }

    /// <summary>
    /// Whether from.aadObjectId of an activity that carries no token is believed: only in local development, where the
    /// host listens on loopback alone and whoever reaches it is the developer.
    /// </summary>
    public bool TrustsUnauthenticatedUsers => !IsAuthenticationEnabled && !AllowsAnonymousNetworkAccess;

    /// <summary>The tenants served; empty means any (authentication off and no tenant configured).</summary>
    public IReadOnlyCollection<string> AllowedTenants => _tenants;

    public static bool IsAllowedChannel(string? channelId) => string.Equals(channelId, Channels.Msteams, StringComparison.Ordinal);

    public bool IsAllowedTenant(Activity activity) => _tenants.Count == 0 || (activity.GetTenantId() is { } tenant && _tenants.Contains(tenant));

    /// <summary>
    /// Whether the bot may call the Bot Connector at <paramref name="serviceUrl"/>: loopback or a configured prefix; with
    /// authentication on, also any https URL when no prefix is configured (every stored one came with a valid token).
    /// </summary>
    public bool IsAllowedServiceUrl(Uri serviceUrl)
    {
        if (serviceUrl.IsLoopback || _serviceUrls.Any(prefix => IsUnder(serviceUrl, prefix)))
        {
            return true;
        }

        return IsAuthenticationEnabled && _serviceUrls.Count == 0 && serviceUrl.Scheme == Uri.UriSchemeHttps;
    }

    private static bool IsUnder(Uri url, Uri prefix) =>
        string.Equals(url.Scheme, prefix.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.IdnHost, prefix.IdnHost, StringComparison.OrdinalIgnoreCase)
        && url.Port == prefix.Port
        && (url.AbsolutePath.EndsWith('/') ? url.AbsolutePath : url.AbsolutePath + "/").StartsWith(prefix.AbsolutePath, StringComparison.OrdinalIgnoreCase);
}
