using System.Buffers;
using System.Net.Mime;
using System.Text.Json;
using GmgBot.Protocol;
using GmgBot.Protocol.Schema;

namespace GmgBot.Host;

/// <summary>POST /api/messages: the Bot Framework's messaging endpoint. (Health: <see cref="HealthEndpoints"/>.)</summary>
public static class BotEndpoint
{
    /// <summary>Teams messages stay under about 100 KB; anything far larger is not from a channel.</summary>
    public const int MaxRequestBodyBytes = 256 * 1024;

    /// <summary>The longest activity id, conversation id or service URL accepted.</summary>
    public const int MaxIdLength = 2048;

    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, CloudAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        var request = http.Request;
        if (!IsJson(request.ContentType))
        {
            throw new RequestRejectedException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the activity as application/json.");
        }

        var activity = ReadActivity(await ReadBodyAsync(request, cancellationToken));
        var response = await adapter.ProcessActivityAsync(request.Headers.Authorization, activity, bot, cancellationToken);

        // As the SDK: a plain 200 unless the turn produced an invoke response or expected replies.
        if (response is null)
        {
            return Results.Ok();
        }

        return response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Json(response.Body, BotJson.Options, statusCode: response.Status);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType is { } type
        && (type.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBodyBytes)
        {
            throw TooLarge();
        }

        // Counted while reading too: a chunked body announces no length.
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxRequestBodyBytes)
            {
                throw TooLarge();
            }
        }
    }

    private static Activity ReadActivity(ReadOnlyMemory<byte> body)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body.Span, BotJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException) // the latter: a name that is no text ("\ud800")
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed activity",
                $"The body is not a valid activity: {ex.Message}");
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed activity", "The activity has no type.");
        }

        // Only expectReplies may come without a serviceUrl (the replies go in the response); one that is there must be
        // usable, or a conversation would be stored that no message can reach.
        if ((activity.ServiceUrl is not null || !activity.IsExpectReplies())
            && (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https")))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed activity",
                "The activity has no absolute http(s) serviceUrl to reply to.");
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed activity", "The activity has no conversation id.");
        }

        // They go into the reply's URL; Teams' own are a few hundred printable characters at most.
        if (!IsUsableInUrl(activity.Conversation.Id) || (activity.Id is { } id && !IsUsableInUrl(id))
            || (activity.ReplyToId is { } replyToId && !IsUsableInUrl(replyToId)) || activity.ServiceUrl?.Length > MaxIdLength)
        {
            throw new RequestRejectedException(StatusCodes.Status400BadRequest, "Malformed activity",
                $"The activity's id, replyToId, conversation id or serviceUrl is longer than {MaxIdLength} characters or holds control characters.");
        }

        return activity;
    }

    private static bool IsUsableInUrl(string id) => id.Length <= MaxIdLength && !id.Any(char.IsControl);

    private static RequestRejectedException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"Activities larger than {MaxRequestBodyBytes / 1024} KB are not accepted.");
}
