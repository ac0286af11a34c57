using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GmgBot.Host.Security;

/// <summary>One address the host is configured to listen on, and the setting it comes from.</summary>
public sealed record ListenAddress(string Url, string Setting, bool IsLoopback);

/// <summary>
/// Where the host will listen, read from configuration the way Kestrel reads it, so that it is known before anything
/// binds: endpoints under <c>Kestrel:Endpoints</c> win; else <c>urls</c> (--urls, ASPNETCORE_URLS); else
/// <c>http_ports</c>/<c>https_ports</c> (ASPNETCORE_HTTP_PORTS, which .NET container images set to 8080), which mean
/// every interface; else the bot's default, <see cref="DefaultUrl"/>.
/// </summary>
public sealed class ListenAddresses
{
    /// <summary>The Bot Framework's usual local address, on loopback.</summary>
    public const string DefaultUrl = "http://127.0.0.1:3978";

    public ListenAddresses(IConfiguration configuration)
    {
        All = Read(configuration);
    }

    /// <summary>
    /// Listens on <see cref="DefaultUrl"/> unless an address is configured. Done when Kestrel is set up, with the final
    /// configuration: deciding earlier would miss settings added after the builder was created, and setting "urls"
    /// would shadow ASPNETCORE_HTTP_PORTS.
    /// </summary>
    public static void ListenOnDefaultUnlessConfigured(IConfiguration configuration, KestrelServerOptions kestrel)
    {
        if (Read(configuration) is [{ Setting: DefaultSetting }])
        {
            var url = new Uri(DefaultUrl);
            kestrel.Listen(IPAddress.Parse(url.Host), url.Port);
        }
    }

    public IReadOnlyList<ListenAddress> All { get; }

    public bool LoopbackOnly => All.All(a => a.IsLoopback);

    /// <summary>Where this machine reaches the host (for links in local development); null when it listens beyond loopback.</summary>
    public Uri? LocalBaseUrl =>
        LoopbackOnly && All.FirstOrDefault(a => Uri.TryCreate(a.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") is { } local
            ? new Uri(local.Url.TrimEnd('/') + "/")
            : null;

    /// <summary>
    /// The base of the bot's own links: <paramref name="configured"/> (Calendar:PublicBaseUrl), else the local address in
    /// local development; never the request's Host header, which the caller chooses.
    /// </summary>
    public Uri? PublicBaseUrl(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? LocalBaseUrl : new Uri(configured.TrimEnd('/') + "/");

    /// <summary>The non-loopback addresses with their settings, for a start-up error.</summary>
    public string DescribeExposed() =>
        string.Join(", ", All.Where(a => !a.IsLoopback).Select(a => $"{a.Url} (from {a.Setting})"));

    private static List<ListenAddress> Read(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Where(e => !string.IsNullOrWhiteSpace(e["Url"]))
            .Select(e => Address(e["Url"]!, $"Kestrel:Endpoints:{e.Key}:Url"))
            .ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return [.. Split(urls).Select(u => Address(u, "urls (--urls, ASPNETCORE_URLS)"))];
        }

        var ports = Split(configuration["http_ports"]).Select(p => Address($"http://*:{p}", "http_ports (ASPNETCORE_HTTP_PORTS)"))
            .Concat(Split(configuration["https_ports"]).Select(p => Address($"https://*:{p}", "https_ports (ASPNETCORE_HTTPS_PORTS)")))
            .ToList();
        return ports.Count > 0 ? ports : [Address(DefaultUrl, DefaultSetting)];
    }

    private const string DefaultSetting = "the default address";

    private static IEnumerable<string> Split(string? list) =>
        (list ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ListenAddress Address(string url, string setting) => new(url, setting, IsLoopback(url));

    // As Kestrel reads an address: "localhost" and loopback IPs stay on this machine, as do Unix sockets and named pipes;
    // "*", "+", 0.0.0.0, [::] and any host name mean every interface.
    private static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
