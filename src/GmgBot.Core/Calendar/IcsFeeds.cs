using GmgBot.Core.Agenda;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace GmgBot.Core.Calendar;

/// <summary>
/// iCalendar (RFC 5545) feeds of the agenda: the whole meeting, one session, or the sessions a delegate follows.
/// Each VEVENT keeps its UID for good and carries the session's stored version as SEQUENCE, so calendar apps that
/// subscribed replace a moved session instead of adding a second one.
/// </summary>
public sealed class IcsFeeds(TimeProvider time)
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string ProductId = "-//Global Migration Group//GmgBot//EN";

    public string Agenda(KnowledgeSnapshot knowledge, IReadOnlyDictionary<string, SessionVersion> versions) =>
        Write(knowledge, knowledge.Timeline.Event.Name, knowledge.Timeline.Sessions.Where(CalendarEntry.Belongs), versions);

    public string Session(KnowledgeSnapshot knowledge, ScheduledSession session, IReadOnlyDictionary<string, SessionVersion> versions) =>
        Write(knowledge, session.Session.Title, [session], versions);

    /// <summary>The sessions a delegate follows, in agenda order; ids no longer on the agenda are left out.</summary>
    public string Personal(KnowledgeSnapshot knowledge, IEnumerable<string> sessionIds, IReadOnlyDictionary<string, SessionVersion> versions)
    {
        var followed = sessionIds.ToHashSet(StringComparer.Ordinal);
        return Write(knowledge, $"{knowledge.Timeline.Event.Name}: my sessions",
            knowledge.Timeline.Sessions.Where(s => followed.Contains(s.Session.Id)), versions);
    }

    private string Write(KnowledgeSnapshot knowledge, string name, IEnumerable<ScheduledSession> sessions, IReadOnlyDictionary<string, SessionVersion> versions)
    {
        var timeline = knowledge.Timeline;
        var zone = timeline.Event.TimeZone;
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", zone);
        // The zone's rules from a year before the meeting on: enough for every session, small enough to read.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, timeline.ToLocal(timeline.EventStart).DateTime.AddYears(-1), includeHistoricalData: false));

        var stamp = new CalDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var session in sessions)
        {
            var entry = CalendarEntry.For(knowledge, session, versions.TryGetValue(session.Session.Id, out var v) ? v.Sequence : 0);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                Sequence = entry.Sequence,
                DtStamp = stamp,
                DtStart = Local(timeline, entry.Start, zone),
                DtEnd = Local(timeline, entry.End, zone),
                Summary = entry.Subject,
                Description = entry.Description,
                Location = entry.Location,
                Status = entry.Tentative ? EventStatus.Tentative : EventStatus.Confirmed,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalDateTime Local(Timeline timeline, DateTimeOffset instant, string zone) =>
        new(DateTime.SpecifyKind(timeline.ToLocal(instant).DateTime, DateTimeKind.Unspecified), zone);
}
