using System.Security.Cryptography;
using System.Text;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Calendar;

/// <summary>
/// A session as a calendar entry: what an Outlook event and an iCalendar VEVENT carry, written once for both so the
/// two calendars never tell different stories. Times are instants; <see cref="TimeZone"/> is the event's IANA zone.
/// </summary>
public sealed record CalendarEntry(
    string SessionId,
    string Uid,
    string Subject,
    string Description,
    string? Location,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZone,
    int Sequence,
    bool Tentative)
{
    /// <summary>Breaks and meals stay out of calendars: a reminder for every coffee break is noise.</summary>
    public static bool Belongs(ScheduledSession scheduled) => scheduled.Session.Kind is not (SessionKind.Break or SessionKind.Meal);

    /// <summary>"{sessionId}@{eventId}.gmgbot": stable across loads, replays and feeds, unique across events.</summary>
    public static string UidOf(string sessionId, string eventId) => $"{sessionId}@{eventId}.gmgbot";

    public static CalendarEntry For(KnowledgeSnapshot knowledge, ScheduledSession scheduled, int sequence)
    {
        var timeline = knowledge.Timeline;
        var s = scheduled.Session;
        return new CalendarEntry(
            s.Id,
            UidOf(s.Id, timeline.Event.Id),
            s.Title,
            Describe(knowledge, scheduled),
            scheduled.Room.Name ?? timeline.Event.Venue,
            scheduled.Start,
            scheduled.End,
            timeline.Event.TimeZone,
            sequence,
            s.Status == SessionStatus.ToBeConfirmed);
    }

    /// <summary>
    /// A Graph transactionId for creating this entry in one mailbox: the same for a retry of the same write, so
    /// Outlook never holds the session twice, and new when the session changed (a new version is a new write) or
    /// when the write replaces an event the user deleted (<paramref name="replacing"/>, that event's id).
    /// </summary>
    public string TransactionId(string mailbox, string? replacing = null)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{mailbox.ToUpperInvariant()}\n{Uid}\n{Sequence}\n{replacing}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>The plain-text body: who chairs and speaks, SDG targets, the agenda's description and where it all comes from.</summary>
    private static string Describe(KnowledgeSnapshot knowledge, ScheduledSession scheduled)
    {
        var s = scheduled.Session;
        var lines = new List<string>();
        if (s.Subtitle is { } subtitle)
        {
            lines.Add($"“{subtitle}”");
        }
        if (s.Status == SessionStatus.ToBeConfirmed)
        {
            lines.Add("To be confirmed (TBC).");
        }
        if (!scheduled.Room.Exact && scheduled.Room.Name is not null)
        {
            lines.Add($"Room: {Format.Room(scheduled.Room)}.");
        }
        foreach (var group in s.Chairs.GroupBy(c => c.Role))
        {
            var label = group.Count() > 1 || group.Key == ChairRole.CoChair ? $"{Roles.Of(group.Key)}s" : Roles.Of(group.Key);
            lines.Add($"{label}: {Format.List(group.Select(c => knowledge.PersonName(c.Person)))}");
        }
        if (s.Speakers.Count > 0)
        {
            lines.Add(s.Kind == SessionKind.Opening ? "Welcome by:" : "Speakers:");
            lines.AddRange(s.Speakers.Select(sp =>
                $"- {knowledge.PersonName(sp.Person)}{(sp.Remote ? " (via VC)" : "")}{(sp.Topic is { } topic ? $": {topic}" : "")}"));
        }
        if (s.FacilitatedBy.Count > 0)
        {
            lines.Add($"Facilitated by: {Format.List(s.FacilitatedBy.Select(knowledge.OrganisationLabel))}");
        }
        if (s.SdgTargets.Count > 0)
        {
            lines.Add($"SDG targets: {string.Join(", ", s.SdgTargets)}");
        }
        if (s.Description is { } description)
        {
            lines.Add("");
            lines.Add(description);
        }
        lines.Add("");
        lines.Add(Format.Sources([s.Source], knowledge));
        lines.Add($"{knowledge.Timeline.Event.Name}, {knowledge.Timeline.Event.City}. Times are {Format.ZoneLabel(knowledge.Timeline)}.");
        return string.Join('\n', lines);
    }
}
