using System.Text;
using System.Text.Json;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol.Connector;

/// <summary>
/// Calls the Bot Connector of one service URL. Authentication, the service URL policy and retries live in the
/// HttpClient's handlers (see <see cref="BotFrameworkServiceCollectionExtensions"/>), so this class is the REST
/// surface, and reads no more of a response than <see cref="DefaultMaxResponseBytes"/> (or the limit given).
/// </summary>
public sealed class ConnectorClient : IConnectorClient
{
    public const int DefaultMaxResponseBytes = 4 * 1024 * 1024;

    /// <summary>The error code of a response larger than the limit (its status is the connector's).</summary>
    public const string ResponseTooLargeErrorCode = "ResponseTooLarge";

    private readonly HttpClient _http;
    private readonly int _maxResponseBytes;

    public ConnectorClient(HttpClient http, Uri serviceUrl, int maxResponseBytes = DefaultMaxResponseBytes)
    {
        _http = http;
        _maxResponseBytes = maxResponseBytes;
        // Relative paths resolve under the service URL only when it ends with a slash (e.g. ".../amer/").
        ServiceUrl = serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");
    }

    public Uri ServiceUrl { get; }

    public Task<ResourceResponse> ReplyToActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RequireConversationId(activity);
        var replyToId = activity.ReplyToId ?? throw new ArgumentException("A reply needs replyToId.", nameof(activity));
        return SendAsync<ResourceResponse>(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, cancellationToken);
    }

    public Task<ResourceResponse> SendToConversationAsync(Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, $"v3/conversations/{Escape(RequireConversationId(activity))}/activities", activity, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var conversationId = RequireConversationId(activity);
        var activityId = activity.Id ?? throw new ArgumentException("An update needs the activity id.", nameof(activity));
        return SendAsync<ResourceResponse>(HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);

    public Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        SendAsync<ConversationResourceResponse>(HttpMethod.Post, "v3/conversations", parameters, cancellationToken);

    public async Task<IReadOnlyList<ChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await SendAsync<List<ChannelAccount>>(HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members", null, cancellationToken);

    public Task<PagedMembersResult> GetConversationPagedMembersAsync(
        string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add($"pageSize={size}");
        }

        if (continuationToken is not null)
        {
            query.Add($"continuationToken={Uri.EscapeDataString(continuationToken)}");
        }

        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendAsync<PagedMembersResult>(HttpMethod.Get, path, null, cancellationToken);
    }

    public Task<TeamDetails> GetTeamDetailsAsync(string teamId, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetails>(HttpMethod.Get, $"v3/teams/{Escape(teamId)}", null, cancellationToken);

    public async Task<IReadOnlyList<ChannelInfo>> GetTeamChannelsAsync(string teamId, CancellationToken cancellationToken = default) =>
        [.. (await SendAsync<ConversationList>(HttpMethod.Get, $"v3/teams/{Escape(teamId)}/conversations", null, cancellationToken)).Conversations ?? []];

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken) where T : new()
    {
        using var request = new HttpRequestMessage(method, new Uri(ServiceUrl, path));
        if (body is not null)
        {
            // Serialised up front so the request carries Content-Length, as the SDK's does: a streamed (chunked)
            // body is legal HTTP/1.1 but some channel endpoints and proxies only read a sized one.
            var json = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), BotJson.Options);
            request.Content = new ByteArrayContent(json) { Headers = { ContentType = new("application/json") { CharSet = "utf-8" } } };
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var (text, complete) = await ReadBoundedAsync(response.Content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The start of an oversized error body still says what went wrong, if anything does.
            throw CreateException(method, path, response, text);
        }

        if (!complete)
        {
            throw new ConnectorException(response.StatusCode, ResponseTooLargeErrorCode,
                $"{method} {path} answered with more than {_maxResponseBytes:N0} bytes; the response was not read.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, BotJson.Options) ?? new T();
        }
        catch (JsonException)
        {
            // The call itself succeeded; an unreadable body must not turn a delivered message into a failure.
            return new T();
        }
    }

    /// <summary>Up to the size limit of the body, and whether that was all of it.</summary>
    private async Task<(string Text, bool Complete)> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _maxResponseBytes)
        {
            return (string.Empty, false);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(_maxResponseBytes + 1, 64 * 1024)];
        using var body = new MemoryStream();
        int read;
        while (body.Length <= _maxResponseBytes && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
        }

        var complete = body.Length <= _maxResponseBytes;
        return (Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)Math.Min(body.Length, _maxResponseBytes)), complete);
    }

    private static ConnectorException CreateException(HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        ErrorBody? error = null;
        try
        {
            error = JsonSerializer.Deserialize<ErrorResponse>(body, BotJson.Options)?.Error;
        }
        catch (JsonException)
        {
            // Not the connector's error shape (a proxy's HTML page, say): the status code still tells enough.
        }

        var message = $"{method} {path} failed with {(int)response.StatusCode} {response.ReasonPhrase}"
            + (error?.Message is { } detail ? $": {detail}" : ".");
        // Teams gives Retry-After in seconds; the HTTP-date form would need a clock this client does not have.
        return new ConnectorException(response.StatusCode, error?.Code, message, body, response.Headers.RetryAfter?.Delta);
    }

    private static string RequireConversationId(Activity activity) =>
        activity.Conversation?.Id ?? throw new ArgumentException("The activity has no conversation id.", nameof(activity));

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
