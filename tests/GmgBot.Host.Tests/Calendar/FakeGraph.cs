using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace GmgBot.Host.Tests.Calendar;

/// <summary>
/// A local stand-in for the Microsoft Graph v1.0 calendar API (a <see cref="LocalServer"/>; the Graph SDK sends tokens
/// to loopback over plain http). It implements the calls the bot makes — create, update and delete an event in a
/// mailbox, and a paged calendarView — with Graph's shapes and error bodies, refuses requests Graph would refuse
/// (no bearer token, missing fields, calendarView without its window), deduplicates creates by transactionId as
/// Graph does, and fails requests on demand (429 with Retry-After, 403 for a mailbox without consent).
/// </summary>
internal sealed class FakeGraph : IAsyncDisposable
{
    public const string Token = "fake-graph-token";
    public const int PageSize = 2;

    private readonly LocalServer _server;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Failure> _failures = [];
    private readonly HashSet<string> _forbidden = new(StringComparer.OrdinalIgnoreCase);
    private int _nextId;

    private FakeGraph(LocalServer server) => _server = server;

    public Uri Root => _server.BaseAddress;

    /// <summary>What Graph:BaseUrl points at.</summary>
    public string BaseUrl => new Uri(Root, "v1.0").AbsoluteUri;

    public IReadOnlyList<JsonRequest> Requests => [.. _server.Requests.Select(JsonRequest.From)];

    public static async Task<FakeGraph> StartAsync()
    {
        FakeGraph? graph = null;
        var server = await LocalServer.StartAsync((context, request) => graph!.RespondAsync(context, JsonRequest.From(request)));
        return graph = new FakeGraph(server);
    }

    /// <summary>The events of a mailbox, by id (copies).</summary>
    public IReadOnlyDictionary<string, JsonObject> Events(string mailbox)
    {
        lock (_gate)
        {
            return _mailboxes.TryGetValue(mailbox, out var events)
                ? events.ToDictionary(e => e.Key, e => e.Value.DeepClone().AsObject())
                : new Dictionary<string, JsonObject>();
        }
    }

    /// <summary>Puts an event into a mailbox as if the user had created it in Outlook.</summary>
    public string Seed(string mailbox, JsonObject e)
    {
        lock (_gate)
        {
            var id = NewId();
            e["id"] = id;
            Mailbox(mailbox)[id] = e;
            return id;
        }
    }

    /// <summary>Removes an event as if the user had deleted it in Outlook.</summary>
    public void Remove(string mailbox, string id)
    {
        lock (_gate)
        {
            Mailbox(mailbox).Remove(id);
        }
    }

    /// <summary>The tenant has not granted Calendars.ReadWrite for this mailbox: 403 ErrorAccessDenied.</summary>
    public void Forbid(string mailbox)
    {
        lock (_gate)
        {
            _forbidden.Add(mailbox);
        }
    }

    /// <summary>
    /// Answers the next <paramref name="times"/> matching requests with <paramref name="status"/>; with
    /// <paramref name="afterApplying"/> the request takes effect first (the response is what gets lost).
    /// </summary>
    public void Fail(string method, string pathContains, HttpStatusCode status, int times = 1, int? retryAfterSeconds = null, bool afterApplying = false)
    {
        lock (_gate)
        {
            _failures.Add(new Failure(method, pathContains, (int)status, retryAfterSeconds, afterApplying) { Left = times });
        }
    }

    public void ClearRequests() => _server.ClearRequests();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RespondAsync(HttpContext context, JsonRequest request)
    {
        Reply reply;
        lock (_gate)
        {
            reply = Answer(request);
        }
        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body.ToJsonString());
        }
    }

    private Reply Answer(JsonRequest request)
    {
        if (request.Header("Authorization") != $"Bearer {Token}")
        {
            return Error(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty or invalid.");
        }
        var segments = request.Path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length < 4 || segments[0] != "v1.0" || segments[1] != "users")
        {
            return Error(HttpStatusCode.BadRequest, "BadRequest", $"Unsupported path {request.Path}.");
        }
        var mailbox = segments[2];
        if (_forbidden.Contains(mailbox))
        {
            return Error(HttpStatusCode.Forbidden, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
        }

        var failure = _failures.FirstOrDefault(f => f.Left > 0 && f.Method == request.Method && request.Path.Contains(f.PathContains, StringComparison.Ordinal));
        if (failure is not null)
        {
            failure.Left--;
            if (!failure.AfterApplying)
            {
                return Error((HttpStatusCode)failure.Status, "TooManyRequests", "Injected failure.") with { RetryAfter = failure.RetryAfter };
            }
            Route(request, mailbox, segments);
            return Error((HttpStatusCode)failure.Status, "ServiceUnavailable", "Injected failure after applying.") with { RetryAfter = failure.RetryAfter };
        }
        return Route(request, mailbox, segments);
    }

    private Reply Route(JsonRequest request, string mailbox, string[] segments) => (request.Method, segments.Length, segments[3]) switch
    {
        ("POST", 4, "events") => Create(mailbox, request.Body?.AsObject()),
        ("PATCH", 5, "events") => Update(mailbox, segments[4], request.Body?.AsObject()),
        ("DELETE", 5, "events") => Delete(mailbox, segments[4]),
        ("GET", 4, "calendarView") => View(mailbox, request),
        _ => Error(HttpStatusCode.MethodNotAllowed, "BadRequest", $"{request.Method} {request.Path} is not implemented here."),
    };

    private Reply Create(string mailbox, JsonObject? body)
    {
        if (body is null)
        {
            return Error(HttpStatusCode.BadRequest, "ErrorInvalidRequest", "No body.");
        }
        if (Missing(body, "subject", "start", "end") is { } missing)
        {
            return Error(HttpStatusCode.BadRequest, "ErrorInvalidRequest", $"The event lacks {missing}.");
        }
        if ((BadTime(body["start"]) ?? BadTime(body["end"])) is { } bad)
        {
            return Error(HttpStatusCode.BadRequest, "ErrorInvalidRequest", bad);
        }
        var events = Mailbox(mailbox);
        // Graph: a POST that repeats an earlier transactionId returns the event created then, not a second one.
        if (body["transactionId"]?.GetValue<string>() is { } transaction
            && events.Values.FirstOrDefault(e => e["transactionId"]?.GetValue<string>() == transaction) is { } earlier)
        {
            return new Reply(201, earlier.DeepClone().AsObject());
        }
        var created = body.DeepClone().AsObject();
        created["id"] = NewId();
        events[created["id"]!.GetValue<string>()] = created;
        return new Reply(201, created.DeepClone().AsObject());
    }

    private Reply Update(string mailbox, string id, JsonObject? body)
    {
        if (!Mailbox(mailbox).TryGetValue(id, out var existing))
        {
            return Error(HttpStatusCode.NotFound, "ErrorItemNotFound", "The specified object was not found in the store.");
        }
        if (body is null)
        {
            return Error(HttpStatusCode.BadRequest, "ErrorInvalidRequest", "No body.");
        }
        foreach (var (name, value) in body)
        {
            existing[name] = value?.DeepClone();
        }
        return new Reply(200, existing.DeepClone().AsObject());
    }

    private Reply Delete(string mailbox, string id) => Mailbox(mailbox).Remove(id)
        ? new Reply(204, null)
        : Error(HttpStatusCode.NotFound, "ErrorItemNotFound", "The specified object was not found in the store.");

    private Reply View(string mailbox, JsonRequest request)
    {
        if (!request.Query.TryGetValue("startDateTime", out var startText) || !request.Query.TryGetValue("endDateTime", out var endText)
            || !DateTimeOffset.TryParse(startText, System.Globalization.CultureInfo.InvariantCulture, out var start)
            || !DateTimeOffset.TryParse(endText, System.Globalization.CultureInfo.InvariantCulture, out var end))
        {
            return Error(HttpStatusCode.BadRequest, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }
        var zone = request.Header("Prefer") is { } prefer && prefer.StartsWith("outlook.timezone=\"", StringComparison.Ordinal)
            ? TimeZoneInfo.FindSystemTimeZoneById(prefer["outlook.timezone=\"".Length..^1])
            : TimeZoneInfo.Utc;
        var inWindow = Mailbox(mailbox).Values
            .Select(e => (Event: e, Start: Instant(e["start"]!), End: Instant(e["end"]!)))
            .Where(e => e.Start < end && e.End > start)
            .OrderBy(e => e.Start)
            .ToList();
        var skip = request.Query.TryGetValue("$skiptoken", out var token) ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = inWindow.Skip(skip).Take(PageSize).Select(e => (JsonNode)new JsonObject
        {
            ["id"] = e.Event["id"]!.DeepClone(),
            ["subject"] = e.Event["subject"]?.DeepClone(),
            ["isAllDay"] = e.Event["isAllDay"]?.DeepClone() ?? false,
            ["isCancelled"] = e.Event["isCancelled"]?.DeepClone() ?? false,
            ["location"] = e.Event["location"]?.DeepClone(),
            ["start"] = WallClock(e.Start, zone),
            ["end"] = WallClock(e.End, zone),
        }).ToList();
        var response = new JsonObject { ["@odata.context"] = $"{Root}v1.0/$metadata#users('{mailbox}')/calendarView", ["value"] = new JsonArray([.. page]) };
        if (skip + PageSize < inWindow.Count)
        {
            response["@odata.nextLink"] = $"{Root}v1.0/users/{Uri.EscapeDataString(mailbox)}/calendarView?startDateTime={Uri.EscapeDataString(startText)}&endDateTime={Uri.EscapeDataString(endText)}&$skiptoken={skip + PageSize}";
        }
        return new Reply(200, response);
    }

    private static JsonObject WallClock(DateTimeOffset instant, TimeZoneInfo zone) => new()
    {
        ["dateTime"] = TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-ddTHH:mm:ss.0000000", System.Globalization.CultureInfo.InvariantCulture),
        ["timeZone"] = zone.Id,
    };

    /// <summary>A Graph dateTimeTimeZone as an instant: the wall-clock time in its (Windows or IANA) zone.</summary>
    public static DateTimeOffset Instant(JsonNode value)
    {
        var local = DateTime.Parse(value["dateTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(value["timeZone"]!.GetValue<string>());
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static string? BadTime(JsonNode? value) =>
        value?["dateTime"] is null || value["timeZone"] is null ? "start and end need dateTime and timeZone."
        : !TimeZoneInfo.TryFindSystemTimeZoneById(value["timeZone"]!.GetValue<string>(), out _) ? $"Unknown time zone {value["timeZone"]}."
        : null;

    private static string? Missing(JsonObject body, params string[] names) =>
        names.FirstOrDefault(n => body[n] is null);

    private Dictionary<string, JsonObject> Mailbox(string mailbox) =>
        _mailboxes.TryGetValue(mailbox, out var events) ? events : _mailboxes[mailbox] = [];

    private string NewId() => $"AAMkAD-event-{++_nextId}";

    private static Reply Error(HttpStatusCode status, string code, string message) =>
        new((int)status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private sealed record Reply(int Status, JsonObject? Body)
    {
        public int? RetryAfter { get; init; }
    }

    private sealed record Failure(string Method, string PathContains, int Status, int? RetryAfter, bool AfterApplying)
    {
        public int Left { get; set; }
    }
}

/// <summary>A sign-in that always succeeds with <see cref="FakeGraph.Token"/>, remembering the scopes asked for.</summary>
internal sealed class FakeGraphCredential : TokenCredential
{
    private readonly List<string> _scopes = [];

    public IReadOnlyList<string> Scopes
    {
        get
        {
            lock (_scopes)
            {
                return [.. _scopes];
            }
        }
    }

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (_scopes)
        {
            _scopes.AddRange(requestContext.Scopes);
        }
        return new AccessToken(FakeGraph.Token, TimeProvider.System.GetUtcNow().AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
