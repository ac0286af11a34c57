using GmgBot.Host.Storage;
using GmgBot.Core.Delivery;
using GmgBot.Core.Calendar;
using GmgBot.Host.Security;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Calendar;

/// <summary>
/// The feed addresses, under <c>Calendar:PublicBaseUrl</c> or, in local development on loopback, the host's own
/// address; never the request's Host header, which the caller chooses. And the delegates' personal feed links.
/// </summary>
public sealed class CalendarFeeds(
    IOptions<CalendarOptions> options, ListenAddresses listening, FeedTokenStore tokens, IServiceProvider services) : ICalendarFeeds
{
    public bool PersonalFeedsAvailable => services.GetService<ISubscriptionDirectory>() is not null;

    public Uri? AgendaUrl() => At("calendar/agenda.ics");

    public Uri? SessionUrl(string sessionId) => At($"calendar/sessions/{Uri.EscapeDataString(sessionId)}.ics");

    public async Task<Uri?> IssuePersonalFeedAsync(string userId, CancellationToken cancellationToken)
    {
        if (BaseUrl() is null)
        {
            return null;
        }
        return At($"calendar/feeds/{await tokens.IssueAsync(userId, cancellationToken)}.ics");
    }

    public Task<int> RevokePersonalFeedsAsync(string userId, CancellationToken cancellationToken) => tokens.RevokeAllAsync(userId, cancellationToken);

    private Uri? At(string path) => BaseUrl() is { } baseUrl ? new Uri(baseUrl, path) : null;

    // Beyond loopback the setting is required at start (CalendarOptionsValidator), so null is only a misconfigured test.
    private Uri? BaseUrl() => listening.PublicBaseUrl(options.Value.PublicBaseUrl);
}
