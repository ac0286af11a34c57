using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GmgBot.Protocol.Tests.Support;

/// <summary>A request as the local server saw it; <see cref="Path"/> as sent on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, long Timestamp)
{
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The path as a service reads it: percent-escapes decoded (but for '/').</summary>
    public string DecodedPath { get; init; } = Path;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port (Kestrel), over HTTPS when given a certificate, standing in for
/// the Bot Connector, the OpenID metadata host, the token endpoint, Microsoft Graph or Azure AI Search. Records
/// every request, then lets <c>respond</c> answer it.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private LocalServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Answers 200 with {"id": "…"} to everything: what the Bot Connector says to a sent activity.</summary>
    public static Task<LocalServer> StartConnectorAsync() =>
        StartAsync((context, _) => context.Response.WriteAsJsonAsync(new { id = "activity-" + Guid.NewGuid().ToString("N") }));

    public static async Task<LocalServer> StartAsync(Func<HttpContext, RecordedRequest, Task> respond, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();

        LocalServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            // The raw target, not the decoded path: tests check how ids were escaped on the wire.
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
            var recorded = new RecordedRequest(
                context.Request.Method,
                target.Split('?')[0],
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                TimeProvider.System.GetTimestamp())
            {
                DecodedPath = context.Request.Path.Value ?? string.Empty,
            };
            server!._requests.Enqueue(recorded);
            server._arrived.Release();
            await respond(context, recorded);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LocalServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (for a connector that cannot be reached).</summary>
    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void ClearRequests() => _requests.Clear();

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all; fails the test after the timeout.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (_requests.Count < count)
        {
            var left = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"Expected {count} request(s) at {BaseAddress}, got {_requests.Count}.");
            }
        }

        return Requests;
    }

    /// <summary>A self-signed certificate for 127.0.0.1, for stand-ins that must speak HTTPS (MSAL's authority, Azure AI Search).</summary>
    public static X509Certificate2 CreateSelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
