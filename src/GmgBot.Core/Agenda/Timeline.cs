using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Agenda;

/// <summary>A session placed on the clock, with the rooms booked for its time.</summary>
public sealed record ScheduledSession(
    Session Session,
    DateOnly Date,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<RoomBooking> Rooms)
{
    public bool IsUnderway(DateTimeOffset instant) => Start <= instant && instant < End;

    /// <summary>The room as the documents give it: the session's own location, else the bookings covering its time.</summary>
    public RoomAnswer Room => Session.Location is { } location
        ? new RoomAnswer(location, Exact: true, [])
        : Rooms.Count == 0
            ? new RoomAnswer(null, Exact: false, [])
            : new RoomAnswer(
                string.Join(" / ", Rooms.Select(r => r.Room).Distinct()),
                Exact: Rooms.All(r => r.Start <= Session.Start && Session.End <= r.End),
                Rooms);
}

/// <summary>Where a session stands at a moment: over, on now, the next to start, or none of these.</summary>
public enum SessionMark { None, Ended, Now, Next }

/// <summary>
/// Where a session takes place. <paramref name="Exact"/> is false when the room bookings only
/// partly cover the session's time, which the bot must say rather than round off.
/// </summary>
public sealed record RoomAnswer(string? Name, bool Exact, IReadOnlyList<RoomBooking> Bookings);

/// <summary>
/// The agenda on the clock: sessions as instants in the event's time zone. With a replay start
/// date the whole event is shifted by whole days, so an old agenda can be replayed today.
/// </summary>
public sealed class Timeline
{
    private readonly int _shiftDays;

    public Timeline(KnowledgeBase knowledge, DateOnly? replayStart = null)
    {
        Event = knowledge.Event;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(Event.TimeZone);
        var firstDay = Event.Days.Min(d => d.Date);
        _shiftDays = replayStart is { } start ? start.DayNumber - firstDay.DayNumber : 0;
        Days = [.. Event.Days.OrderBy(d => d.Day).Select(d => d with { Date = d.Date.AddDays(_shiftDays) })];
        var bookings = Event.RoomBookings.Select(b => b with { Date = b.Date.AddDays(_shiftDays) }).ToList();
        Sessions = [.. knowledge.Sessions
            .Select(s => Place(s, bookings))
            .OrderBy(s => s.Start)
            .ThenBy(s => s.End)];
        RoomBookings = bookings;
    }

    public EventInfo Event { get; }
    public TimeZoneInfo Zone { get; }
    public IReadOnlyList<EventDay> Days { get; }
    public IReadOnlyList<ScheduledSession> Sessions { get; }
    public IReadOnlyList<RoomBooking> RoomBookings { get; }
    public bool IsReplay => _shiftDays != 0;

    /// <summary>The date the documents give for a (replayed) date: the same date when there is no replay.</summary>
    public DateOnly OriginalDate(DateOnly date) => date.AddDays(-_shiftDays);

    public DateTimeOffset EventStart => Sessions[0].Start;
    public DateTimeOffset EventEnd => Sessions.Max(s => s.End);

    public EventDay? DayNumbered(int day) => Days.FirstOrDefault(d => d.Day == day);

    /// <summary>The event day on a date, accepting both the documents' dates and the replayed ones.</summary>
    public EventDay? DayOn(DateOnly date) =>
        Days.FirstOrDefault(d => d.Date == date) ?? Days.FirstOrDefault(d => d.Date.AddDays(-_shiftDays) == date);

    public IEnumerable<ScheduledSession> OnDay(int day) => Sessions.Where(s => s.Session.Day == day);

    public ScheduledSession? Find(string sessionId) => Sessions.FirstOrDefault(s => s.Session.Id == sessionId);

    public IReadOnlyList<ScheduledSession> Underway(DateTimeOffset instant) => [.. Sessions.Where(s => s.IsUnderway(instant))];

    public ScheduledSession? Next(DateTimeOffset instant) => Sessions.FirstOrDefault(s => s.Start > instant);

    public SessionMark MarkOf(ScheduledSession session, DateTimeOffset now) =>
        session.End <= now ? SessionMark.Ended
        : session.Start <= now ? SessionMark.Now
        : Next(now)?.Session.Id == session.Session.Id ? SessionMark.Next
        : SessionMark.None;

    /// <summary>"Today", "Tomorrow" or "Ended" for an event day seen at <paramref name="now"/> (in the event's zone); else null.</summary>
    public string? DayMarkOf(EventDay day, DateTimeOffset now)
    {
        var today = LocalDate(now);
        return day.Date == today ? "Today" : day.Date == today.AddDays(1) ? "Tomorrow" : day.Date < today ? "Ended" : null;
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>Room bookings on a date (original or replayed), optionally only those overlapping a local time window.</summary>
    public IReadOnlyList<RoomBooking> BookingsOn(DateOnly date, TimeOnly? from = null, TimeOnly? to = null)
    {
        var day = DayOn(date);
        if (day is null)
        {
            return [];
        }
        return [.. RoomBookings.Where(b => b.Date == day.Date
            && (from is null || b.End > from)
            && (to is null || b.Start < to))];
    }

    private ScheduledSession Place(Session session, IReadOnlyList<RoomBooking> bookings)
    {
        var date = Days.First(d => d.Day == session.Day).Date;
        var start = Instant(date, session.Start);
        var end = Instant(date, session.End);
        var rooms = bookings.Where(b => b.Date == date && b.Start < session.End && session.Start < b.End).ToList();
        return new ScheduledSession(session, date, start, end, rooms);
    }

    private DateTimeOffset Instant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
