using GmgBot.Core.Agenda;

namespace GmgBot.Core.Calendar;

/// <summary>
/// Delegates' Outlook calendars through Microsoft Graph. Registered by the host only when Graph is enabled;
/// without it the bot offers iCalendar feeds instead. Users are named by their Entra object id.
/// </summary>
public interface IOutlookCalendar
{
    /// <summary>Puts the session into the user's calendar, or brings the event already there up to date. Safe to repeat.</summary>
    /// <exception cref="OutlookCalendarException">Graph refused or could not be reached.</exception>
    Task<OutlookWrite> AddAsync(string aadObjectId, ScheduledSession session, CancellationToken cancellationToken);

    /// <summary>The user's events on <paramref name="date"/> in <paramref name="zone"/>, with times in that zone, in order.</summary>
    /// <exception cref="OutlookCalendarException">Graph refused or could not be reached.</exception>
    Task<IReadOnlyList<OutlookEvent>> DayAsync(string aadObjectId, DateOnly date, TimeZoneInfo zone, CancellationToken cancellationToken);
}

public enum OutlookWrite { Created, Updated, Unchanged }

/// <summary>An event of a user's calendar; <see cref="Start"/> and <see cref="End"/> are wall-clock times in the zone asked for.</summary>
public sealed record OutlookEvent(string Subject, DateTime Start, DateTime End, string? Location, bool IsAllDay, bool IsCancelled);

public enum OutlookFailure
{
    /// <summary>The tenant has not granted the bot Calendars.ReadWrite (or the mailbox is out of its reach).</summary>
    NoConsent,
    /// <summary>The user has no Exchange Online mailbox.</summary>
    NoMailbox,
    /// <summary>Graph failed or could not be reached, retries included.</summary>
    Unavailable,
}

public sealed class OutlookCalendarException(OutlookFailure failure, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public OutlookFailure Failure { get; } = failure;
}

/// <summary>Addresses of the iCalendar feeds the host serves, and the delegates' personal feed links.</summary>
public interface ICalendarFeeds
{
    /// <summary>The whole agenda; null when the host does not know its public address.</summary>
    Uri? AgendaUrl();

    /// <summary>One session's .ics; null when the host does not know its public address.</summary>
    Uri? SessionUrl(string sessionId);

    /// <summary>False until a feature that knows delegates' sessions (reminders) is installed.</summary>
    bool PersonalFeedsAvailable { get; }

    /// <summary>A new secret link to the user's own feed (earlier links keep working until revoked); null without a public address.</summary>
    Task<Uri?> IssuePersonalFeedAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Turns off every personal feed link of the user; returns how many were active.</summary>
    Task<int> RevokePersonalFeedsAsync(string userId, CancellationToken cancellationToken);
}
