using GmgBot.Host.Security;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Calendar;

/// <summary>Microsoft Graph calendars (configuration section <c>Graph</c>); off by default, the iCalendar feeds need none of it.</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    public bool Enabled { get; set; }

    /// <summary>The Entra tenant whose mailboxes the bot writes to.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration (with a secret) or the user-assigned managed identity Graph signs in as.</summary>
    public string? ClientId { get; set; }

    /// <summary>Optional: without it the bot signs in with its managed identity (DefaultAzureCredential).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>UPN or object id of the mailbox whose calendar mirrors the agenda; empty: no organizer calendar.</summary>
    public string? OrganizerCalendarUser { get; set; }

    /// <summary>The Graph endpoint (a national cloud's, or a local stand-in in tests).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>The Outlook reminder of every event the bot writes.</summary>
    public int ReminderMinutesBeforeStart { get; set; } = 15;
}

/// <summary>Where the iCalendar feeds are published (configuration section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>
    /// The bot's public address for feed links, e.g. https://gmgbot.example.org. Required unless the host listens on
    /// loopback only (local development: links then use the local address).
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Checks the calendar settings at start, naming the setting that is wrong.</summary>
public sealed class CalendarOptionsValidator(ListenAddresses listening) : IValidateOptions<GraphOptions>, IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, GraphOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.TenantId))
        {
            errors.Add("Graph:TenantId is required when Graph:Enabled is true (the Entra tenant id whose calendars the bot writes).");
        }
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            errors.Add("Graph:ClientId is required when Graph:Enabled is true (the app registration or managed identity with Calendars.ReadWrite).");
        }
        if (options.ClientSecret is { } secret && secret.Length > 0 && string.IsNullOrWhiteSpace(secret))
        {
            errors.Add("Graph:ClientSecret is blank: remove it to sign in with the managed identity, or set the app's secret.");
        }
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || !(baseUrl.Scheme == Uri.UriSchemeHttps || (baseUrl.Scheme == Uri.UriSchemeHttp && baseUrl.IsLoopback)))
        {
            // The Graph SDK only sends tokens over https (loopback aside).
            errors.Add($"Graph:BaseUrl must be an absolute https URL such as https://graph.microsoft.com/v1.0; got '{options.BaseUrl}'.");
        }
        if (options.ReminderMinutesBeforeStart is < 0 or > 7 * 24 * 60)
        {
            errors.Add($"Graph:ReminderMinutesBeforeStart must be between 0 and {7 * 24 * 60} (a week); got {options.ReminderMinutesBeforeStart}.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return listening.LoopbackOnly
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Calendar:PublicBaseUrl is required when the host listens beyond loopback ({listening.DescribeExposed()}): "
                    + "feed links are built from it, never from the request's Host header. Set it to the bot's public address, e.g. https://gmgbot.example.org.");
        }

        return Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" && url.Query.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Calendar:PublicBaseUrl must be an absolute http(s) URL without a query, e.g. https://gmgbot.example.org; got '{options.PublicBaseUrl}'.");
    }
}
