using System.Globalization;
using System.Net;
using Azure.Core;
using Azure.Identity;
using GmgBot.Core.Calendar;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace GmgBot.Host.Calendar;

/// <summary>
/// The Graph calls the calendars need, through the Graph SDK (its retry handler honours 429/503 Retry-After):
/// create, update and delete an event in a mailbox, and read a day of a calendar. Graph's errors become
/// <see cref="OutlookCalendarException"/>s here, and only here.
/// </summary>
public sealed class GraphCalendarClient(GraphServiceClient graph, GraphOptions options)
{
    private static readonly string[] ViewFields = ["subject", "start", "end", "location", "isAllDay", "isCancelled"];

    /// <summary>The SDK client with app-only credentials: the client secret when configured, else the managed identity.</summary>
    public static GraphServiceClient CreateClient(GraphOptions options, TokenCredential? credential = null, HttpMessageHandler? transport = null)
    {
        var baseUrl = new Uri(options.BaseUrl.TrimEnd('/'));
        credential ??= string.IsNullOrWhiteSpace(options.ClientSecret)
            ? new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                TenantId = options.TenantId,
                // AZURE_CLIENT_ID, when set, names the user-assigned identity; DefaultAzureCredential reads it itself.
                ManagedIdentityClientId = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AZURE_CLIENT_ID")) ? options.ClientId : null,
            })
            : new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        // Tokens go to the configured Graph host only, for that host's resource (graph.microsoft.com, a national cloud's).
        var authentication = new AzureIdentityAuthenticationProvider(
            credential, allowedHosts: [baseUrl.Host], observabilityOptions: null, isCaeEnabled: true, scopes: [$"https://{baseUrl.Host}/.default"]);
        var http = GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers(), finalHandler: transport ?? new SocketsHttpHandler());
        return new GraphServiceClient(http, authentication, baseUrl.AbsoluteUri.TrimEnd('/'));
    }

    /// <summary>Creates the event; a retry with the same transactionId returns the event already created instead of a second one.</summary>
    public async Task<string> CreateAsync(string mailbox, CalendarEntry entry, string transactionId, CancellationToken cancellationToken)
    {
        var request = ToEvent(entry);
        request.TransactionId = transactionId;
        var created = await Call(() => graph.Users[mailbox].Events.PostAsync(request, cancellationToken: cancellationToken));
        return created?.Id ?? throw new OutlookCalendarException(OutlookFailure.Unavailable, "Graph created an event but returned no id.");
    }

    /// <summary>Brings the event up to date; false when it no longer exists (the user deleted it).</summary>
    public async Task<bool> UpdateAsync(string mailbox, string eventId, CalendarEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await Call(() => graph.Users[mailbox].Events[eventId].PatchAsync(ToEvent(entry), cancellationToken: cancellationToken));
            return true;
        }
        catch (OutlookCalendarException ex) when (ex.InnerException is ODataError error && IsMissingItem(error))
        {
            return false;
        }
    }

    /// <summary>Deletes the event; one already gone counts as deleted.</summary>
    public async Task DeleteAsync(string mailbox, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            await Call(async () =>
            {
                await graph.Users[mailbox].Events[eventId].DeleteAsync(cancellationToken: cancellationToken);
                return true;
            });
        }
        catch (OutlookCalendarException ex) when (ex.InnerException is ODataError error && IsMissingItem(error))
        {
        }
    }

    /// <summary>The mailbox's events on one day of <paramref name="zone"/>, all pages, times in that zone.</summary>
    public async Task<IReadOnlyList<OutlookEvent>> DayAsync(string mailbox, DateOnly date, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var prefer = $"outlook.timezone=\"{GraphZone(zone.Id)}\"";
        var events = new List<OutlookEvent>();
        await Call(async () =>
        {
            var page = await graph.Users[mailbox].CalendarView.GetAsync(r =>
            {
                r.QueryParameters.StartDateTime = Midnight(date, zone);
                r.QueryParameters.EndDateTime = Midnight(date.AddDays(1), zone);
                r.QueryParameters.Select = ViewFields;
                r.QueryParameters.Orderby = ["start/dateTime"];
                r.Headers.Add("Prefer", prefer);
            }, cancellationToken);
            if (page is null)
            {
                return true;
            }
            // Later pages (@odata.nextLink) need the Prefer header again, or Graph answers them in UTC.
            var pages = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(graph, page, e =>
            {
                events.Add(ToOutlookEvent(e));
                return true;
            }, request =>
            {
                request.Headers.Add("Prefer", prefer);
                return request;
            });
            await pages.IterateAsync(cancellationToken);
            return true;
        });
        return events;
    }

    /// <summary>Graph's dateTimeTimeZone takes Windows zone names everywhere (IANA only in some places), so convert.</summary>
    public static string GraphZone(string ianaOrWindows) =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(ianaOrWindows, out var windows) ? windows : ianaOrWindows;

    private Event ToEvent(CalendarEntry entry)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone);
        return new Event
        {
            Subject = entry.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = entry.Description },
            Start = WallClock(entry.Start, zone),
            End = WallClock(entry.End, zone),
            Location = new Location { DisplayName = entry.Location ?? "" },
            IsReminderOn = options.ReminderMinutesBeforeStart > 0,
            ReminderMinutesBeforeStart = options.ReminderMinutesBeforeStart,
            ShowAs = entry.Tentative ? FreeBusyStatus.Tentative : FreeBusyStatus.Busy,
        };
    }

    private static DateTimeTimeZone WallClock(DateTimeOffset instant, TimeZoneInfo zone) => new()
    {
        DateTime = TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = GraphZone(zone.Id),
    };

    private static string Midnight(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static OutlookEvent ToOutlookEvent(Event e) => new(
        e.Subject ?? "(no subject)",
        ParseWallClock(e.Start),
        ParseWallClock(e.End),
        e.Location?.DisplayName,
        e.IsAllDay == true,
        e.IsCancelled == true);

    private static DateTime ParseWallClock(DateTimeTimeZone? value) =>
        value?.DateTime is { } text ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None) : default;

    private static bool IsMissingItem(ODataError error) =>
        error.ResponseStatusCode == (int)HttpStatusCode.NotFound && error.Error?.Code == "ErrorItemNotFound";

    /// <summary>The one translation of Graph's failures into what the bot can tell a user.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError error)
        {
            var failure = error.ResponseStatusCode switch
            {
                (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden => OutlookFailure.NoConsent,
                (int)HttpStatusCode.NotFound when !IsMissingItem(error) => OutlookFailure.NoMailbox,
                _ => OutlookFailure.Unavailable,
            };
            throw new OutlookCalendarException(failure, $"Graph answered {error.ResponseStatusCode} {error.Error?.Code}: {error.Error?.Message}", error);
        }
        catch (Exception ex) when (ex is HttpRequestException or AuthenticationFailedException or Microsoft.Kiota.Abstractions.ApiException
            || (ex is TaskCanceledException && ex.InnerException is TimeoutException))
        {
            throw new OutlookCalendarException(OutlookFailure.Unavailable, $"Graph could not be reached: {ex.Message}", ex);
        }
    }
}
