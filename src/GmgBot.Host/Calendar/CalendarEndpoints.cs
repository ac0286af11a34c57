using GmgBot.Host.Storage;
using GmgBot.Core.Delivery;
using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;

namespace GmgBot.Host.Calendar;

/// <summary>The iCalendar feeds: the agenda, one session, and a delegate's own sessions behind a secret link.</summary>
public static class CalendarEndpoints
{
    /// <summary>Where the personal feeds are; what follows is a secret token, never to be logged.</summary>
    public const string PersonalFeedsPath = "/calendar/feeds";

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var calendar = endpoints.MapGroup("/calendar");
        calendar.MapGet("/agenda.ics", AgendaAsync);
        calendar.MapGet("/sessions/{id}.ics", SessionAsync);
        endpoints.MapGet(PersonalFeedsPath + "/{token}.ics", PersonalAsync);
        return endpoints;
    }

    private static async Task<IResult> AgendaAsync(IKnowledgeSource knowledge, ISessionVersionStore versions, IcsFeeds ics, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        return Ics(http, ics.Agenda(snapshot, await versions.LoadAsync(cancellationToken)), download: null, isPrivate: false);
    }

    private static async Task<IResult> SessionAsync(
        string id, IKnowledgeSource knowledge, ISessionVersionStore versions, IcsFeeds ics, HttpContext http, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var session = snapshot.Timeline.Find(id)
            ?? throw new RequestRejectedException(StatusCodes.Status404NotFound, "Unknown session", $"No session '{id}' is on the agenda.");
        return Ics(http, ics.Session(snapshot, session, await versions.LoadAsync(cancellationToken)), download: $"{session.Session.Id}.ics", isPrivate: false);
    }

    private static async Task<IResult> PersonalAsync(
        string token, FeedTokenStore tokens, IKnowledgeSource knowledge, ISessionVersionStore versions, IcsFeeds ics,
        IServiceProvider services, HttpContext http, CancellationToken cancellationToken)
    {
        // Unknown and revoked links look alike: a link's owner is nobody else's business.
        var userId = await tokens.FindUserAsync(token, cancellationToken)
            ?? throw new RequestRejectedException(StatusCodes.Status404NotFound, "Unknown feed", "This calendar feed link does not exist or was turned off.");
        var subscriptions = services.GetService<ISubscriptionDirectory>()
            ?? throw new RequestRejectedException(StatusCodes.Status503ServiceUnavailable, "Personal feeds unavailable",
                "Personal feeds list the sessions a delegate follows, and this bot has no reminders feature to ask. Subscribe to /calendar/agenda.ics instead.");
        var sessionIds = await subscriptions.SessionIdsOfAsync(userId, cancellationToken);
        return Ics(http, ics.Personal(knowledge.Current, sessionIds, await versions.LoadAsync(cancellationToken)), download: null, isPrivate: true);
    }

    private static IResult Ics(HttpContext http, string body, string? download, bool isPrivate)
    {
        var headers = http.Response.Headers;
        // Subscribed calendars poll; they must see a moved session at their next poll, not a cached copy.
        headers.CacheControl = isPrivate ? "private, no-store" : "no-cache";
        if (isPrivate)
        {
            headers["X-Robots-Tag"] = "noindex";
        }
        if (download is not null)
        {
            headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = download, Inline = false }.ToString();
        }
        return Results.Text(body, IcsFeeds.ContentType);
    }
}
