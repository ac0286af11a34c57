using System.Globalization;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Agenda;

/// <summary>How the bot writes times, days, lists and citations, in one place.</summary>
public static class Format
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-GB");

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Span(Session s) => $"{Time(s.Start)}–{Time(s.End)}";

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    /// <summary>"16–17 October 2014 (Thursday and Friday)" for consecutive days of one month; otherwise each date.</summary>
    public static string Dates(IReadOnlyList<DateOnly> dates)
    {
        var consecutive = dates.Count > 1 && dates.Zip(dates.Skip(1)).All(p => p.Second == p.First.AddDays(1));
        return consecutive && dates[0].Month == dates[^1].Month && dates[0].Year == dates[^1].Year
            ? $"{dates[0].Day}–{dates[^1].ToString("d MMMM yyyy", English)} ({List(dates.Select(d => d.ToString("dddd", English)))})"
            : List(dates.Select(Date));
    }

    public static string Day(EventDay day) => $"Day {day.Day}, {Date(day.Date)}";

    public static string ShortDay(EventDay day) => $"Day {day.Day} ({day.Date.ToString("ddd d MMM", English)})";

    /// <summary>"Day 1 (Thu 16 Oct) 09:00–10:30": a session's day and span on the agenda.</summary>
    public static string ShortWhen(Timeline timeline, Session s) => $"{ShortDay(timeline.DayNumbered(s.Day)!)} {Span(s)}";

    /// <summary>"New York time": agenda times are local to the event.</summary>
    public static string ZoneLabel(Timeline timeline) => $"{timeline.Event.City} time";

    /// <summary>The same span in the reader's own zone, when Teams told us it and it differs.</summary>
    public static string? InUserZone(ScheduledSession s, Timeline timeline, string? userZone)
    {
        if (userZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(userZone, out var zone)
            || zone.GetUtcOffset(s.Start) == timeline.Zone.GetUtcOffset(s.Start))
        {
            return null;
        }
        var start = TimeZoneInfo.ConvertTime(s.Start, zone);
        var end = TimeZoneInfo.ConvertTime(s.End, zone);
        var day = start.Date != s.Start.Date ? $"{start.ToString("ddd d MMM", English)} " : "";
        return $"{day}{start:HH:mm}–{end:HH:mm} your time";
    }

    /// <summary>"your time is 5 h ahead": how the reader's own zone differs from the event's on a day, when it does.</summary>
    public static string? ZoneDifference(Timeline timeline, string? userZone, DateTimeOffset at)
    {
        if (userZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(userZone, out var zone))
        {
            return null;
        }
        var difference = zone.GetUtcOffset(at) - timeline.Zone.GetUtcOffset(at);
        if (difference == TimeSpan.Zero)
        {
            return null;
        }
        var size = Math.Abs(difference.TotalMinutes) is var minutes && minutes % 60 == 0 ? $"{minutes / 60:0} h" : $"{(int)(minutes / 60)} h {minutes % 60:0} min";
        return $"your time is {size} {(difference > TimeSpan.Zero ? "ahead" : "behind")}";
    }

    /// <summary>The text with its first letter in upper case, to start a sentence or a heading with it.</summary>
    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}",
        };
    }

    /// <summary>"GMG Concept Note (October 2014), 4. Preliminary Agenda › Day 1".</summary>
    public static string Citation(SourceRef source, KnowledgeSnapshot knowledge) =>
        knowledge.Documents.TryGetValue(source.Document, out var d) ? $"{d.ShortTitle}, {source.Section}" : $"{source.Document}, {source.Section}";

    public static string Sources(IEnumerable<SourceRef> sources, KnowledgeSnapshot knowledge) =>
        "Source: " + string.Join("; ", sources.Distinct().Select(s => Citation(s, knowledge)));

    /// <summary>A short source line for a text reply: sections when there are one or two sources, else document titles.</summary>
    public static string ShortSources(IReadOnlyList<SourceRef> sources, KnowledgeSnapshot knowledge) => sources.Count <= 2
        ? Sources(sources, knowledge)
        : "Sources: " + string.Join("; ", sources.Select(s => DocumentTitle(s, knowledge)).Distinct());

    public static string DocumentTitle(SourceRef source, KnowledgeSnapshot knowledge) =>
        knowledge.Documents.TryGetValue(source.Document, out var d) ? d.ShortTitle : source.Document;

    public static string Room(RoomAnswer room)
    {
        if (room.Name is null)
        {
            return "no room is given for this time";
        }
        if (room.Exact || room.Bookings.Count == 0)
        {
            return room.Name;
        }
        var bookings = List(room.Bookings.Select(b => $"{b.Room} from {Time(b.Start)} to {Time(b.End)}"));
        return $"{room.Name} (the room booking covers only part of this session: {bookings})";
    }
}
