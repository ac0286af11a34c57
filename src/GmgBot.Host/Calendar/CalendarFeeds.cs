using GmgBot.Host.Storage;
using GmgBot.Core.Delivery;
using GmgBot.Core.Calendar;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Calendar;

/// <summary>
/// The feed addresses, under <c>Calendar:PublicBaseUrl</c> or else the address Teams used to reach the bot (the
/// current request's), and the delegates' personal feed links.
/// </summary>
public sealed class CalendarFeeds(
    IOptions<CalendarOptions> options, IHttpContextAccessor http, FeedTokenStore tokens, IServiceProvider services) : ICalendarFeeds
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

    private Uri? BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }
        var request = http.HttpContext?.Request;
        return request is null || !request.Host.HasValue ? null : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }
}
