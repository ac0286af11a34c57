using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GmgBot.Host.Tab;

/// <summary>One of the bot's own links, as link unfurling reads it.</summary>
public abstract record OwnLink
{
    /// <summary>A session: its calendar file (the "Add to calendar" link) or the agenda page opened at it.</summary>
    public sealed record Session(string SessionId) : OwnLink;

    /// <summary>The whole agenda: its calendar feed or the agenda page.</summary>
    public sealed record Agenda : OwnLink;

    /// <summary>A delegate's personal calendar feed (its token is a secret and is never looked up).</summary>
    public sealed record PersonalFeed : OwnLink;
}

/// <summary>
/// Links to the agenda tab: inside Teams (a deep link to the personal tab, when <c>AgendaTab:TeamsAppId</c> is set) or the
/// agenda page in a browser; and which of the bot's own links a URL is.
/// </summary>
public sealed partial class AgendaLinks(AgendaTabSettings settings)
{
    /// <summary>The tab's entity id in the manifest (staticTabs[].entityId).</summary>
    public const string EntityId = "agenda";

    /// <summary>The page, under the bot's address.</summary>
    public const string PagePath = "/tab/";

    /// <summary>Opens the agenda at a session.</summary>
    public string Session(string sessionId) => Link($"session:{sessionId}", $"session={Uri.EscapeDataString(sessionId)}");

    /// <summary>Opens the agenda at a day.</summary>
    public string Day(int day) => Link($"day:{day}", $"day={day}");

    /// <summary>
    /// Which of the bot's links <paramref name="url"/> is: under the bot's public address, a session's or the agenda's
    /// calendar file, a personal feed, or the agenda page. Null for anything else.
    /// </summary>
    public OwnLink? Read(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var link) || settings.PublicBaseUrl is not { } site
            || !string.Equals(link.Host, site.Host, StringComparison.OrdinalIgnoreCase)
            || !link.AbsolutePath.StartsWith(site.AbsolutePath, StringComparison.Ordinal))
        {
            return null;
        }
        var path = "/" + link.AbsolutePath[site.AbsolutePath.Length..];
        if (SessionFile().Match(path) is { Success: true } file)
        {
            return new OwnLink.Session(Uri.UnescapeDataString(file.Groups["id"].Value));
        }
        if (path == "/calendar/agenda.ics")
        {
            return new OwnLink.Agenda();
        }
        if (PersonalFile().IsMatch(path))
        {
            return new OwnLink.PersonalFeed();
        }
        if (path.TrimEnd('/') + "/" == PagePath)
        {
            var session = System.Web.HttpUtility.ParseQueryString(link.Query)["session"];
            return string.IsNullOrWhiteSpace(session) ? new OwnLink.Agenda() : new OwnLink.Session(session);
        }
        return null;
    }

    // Inside Teams the personal tab opens with the sub-entity as its page id; elsewhere the page reads the same from its query.
    private string Link(string subEntity, string query)
    {
        if (settings.Options.TeamsAppId is { Length: > 0 } appId)
        {
            var context = new JsonObject { ["subEntityId"] = subEntity }.ToJsonString();
            return $"https://teams.microsoft.com/l/entity/{appId}/{EntityId}?context={Uri.EscapeDataString(context)}";
        }
        // Never null once started: beyond loopback Calendar:PublicBaseUrl is required (CalendarOptionsValidator).
        return new Uri(settings.PublicBaseUrl!, $"{PagePath.TrimStart('/')}?{query}").AbsoluteUri;
    }

    [GeneratedRegex(@"^/calendar/sessions/(?<id>[^/]+)\.ics$")]
    private static partial Regex SessionFile();

    [GeneratedRegex(@"^/calendar/feeds/[^/]+\.ics$")]
    private static partial Regex PersonalFile();
}
