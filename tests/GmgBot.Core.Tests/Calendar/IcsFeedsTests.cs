using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;
using GmgBot.Core.Knowledge;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Time.Testing;
using IcalCalendar = Ical.Net.Calendar;

namespace GmgBot.Core.Tests.Calendar;

public sealed class IcsFeedsTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 15, 0, TimeSpan.Zero);
    private readonly IcsFeeds _feeds = new(new FakeTimeProvider(Now));

    private static IReadOnlyDictionary<string, SessionVersion> Versions(KnowledgeSnapshot snapshot, int sequence = 0) =>
        snapshot.Timeline.Sessions.ToDictionary(s => s.Session.Id, s => SessionVersion.Of(s, sequence));

    private static CalendarEvent Event(string ics, string sessionId) =>
        IcalCalendar.Load(ics)!.Events.Single(e => e.Uid!.StartsWith(sessionId + "@", StringComparison.Ordinal));

    [Fact]
    public void The_agenda_feed_carries_the_sessions_in_the_event_zone_with_its_VTIMEZONE()
    {
        var snapshot = fixture.Snapshot;

        var ics = _feeds.Agenda(snapshot, Versions(snapshot));

        var calendar = IcalCalendar.Load(ics)!;
        Assert.Equal("PUBLISH", calendar.Method);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("America/New_York", zone.TzId);
        Assert.Contains("TZOFFSETTO:-0400", ics, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:-0500", ics, StringComparison.Ordinal);
        var decentWork = Event(ics, "d1-decent-work");
        Assert.Equal("d1-decent-work@gmg-twlm-2014.gmgbot", decentWork.Uid);
        Assert.Equal("America/New_York", decentWork.DtStart!.TzId);
        Assert.Equal(new DateTime(2014, 10, 16, 9, 0, 0), decentWork.DtStart.Value);
        Assert.Equal(new DateTime(2014, 10, 16, 13, 0, 0, DateTimeKind.Utc), decentWork.DtStart.AsUtc);
        Assert.Equal(new DateTime(2014, 10, 16, 14, 30, 0, DateTimeKind.Utc), decentWork.DtEnd!.AsUtc);
        Assert.Equal("Conference Room 6", decentWork.Location);
        Assert.Contains("SDG targets: 8.5, 8.8", decentWork.Description, StringComparison.Ordinal);
        Assert.Equal(Now.UtcDateTime, decentWork.DtStamp!.AsUtc);
        Assert.Equal("CONFIRMED", decentWork.Status);
        Assert.Equal("TENTATIVE", Event(ics, "d2-concluding").Status);
        // Breaks and meals stay out of calendars.
        Assert.DoesNotContain(calendar.Events, e => e.Uid!.StartsWith("d1-coffee-morning@", StringComparison.Ordinal));
        Assert.Equal(snapshot.Timeline.Sessions.Count(CalendarEntry.Belongs), calendar.Events.Count);
    }

    [Fact]
    public void Uids_are_stable_across_calls_and_the_sequence_grows_when_a_session_moves()
    {
        var before = fixture.Snapshot;
        var (stored, _) = AgendaChanges.Between(new Dictionary<string, SessionVersion>(), before.Timeline);
        var first = _feeds.Agenda(before, stored.ToDictionary(v => v.SessionId));

        var moved = new KnowledgeSnapshot(fixture.Knowledge with
        {
            Sessions = [.. fixture.Knowledge.Sessions.Select(s => s.Id == "d1-decent-work" ? s with { Start = new TimeOnly(9, 15), End = new TimeOnly(10, 45) } : s)],
        });
        var (after, changes) = AgendaChanges.Between(stored.ToDictionary(v => v.SessionId), moved.Timeline);
        var second = _feeds.Agenda(moved, after.ToDictionary(v => v.SessionId));

        Assert.Single(changes);
        Assert.Equal(IcalCalendar.Load(first)!.Events.Select(e => e.Uid), IcalCalendar.Load(second)!.Events.Select(e => e.Uid));
        Assert.Equal(0, Event(first, "d1-decent-work").Sequence);
        Assert.Equal(1, Event(second, "d1-decent-work").Sequence);
        Assert.Equal(new DateTime(2014, 10, 16, 9, 15, 0), Event(second, "d1-decent-work").DtStart!.Value);
        Assert.Equal(0, Event(second, "d1-migration-costs").Sequence);
    }

    [Fact]
    public void A_replayed_agenda_keeps_its_wall_clock_times_on_the_replay_dates()
    {
        var replay = new KnowledgeSnapshot(fixture.Knowledge, new DateOnly(2026, 3, 10));

        var ics = _feeds.Agenda(replay, Versions(replay));

        var decentWork = Event(ics, "d1-decent-work");
        Assert.Equal(new DateTime(2026, 3, 10, 9, 0, 0), decentWork.DtStart!.Value);
        // 10 March 2026 is daylight time in New York (since 8 March): UTC-4.
        Assert.Equal(new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc), decentWork.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 3, 11, 9, 0, 0), Event(ics, "d2-recap").DtStart!.Value);
        Assert.Single(IcalCalendar.Load(ics)!.TimeZones);
    }

    [Fact]
    public void A_session_feed_holds_that_session_and_a_personal_feed_the_followed_ones()
    {
        var snapshot = fixture.Snapshot;
        var versions = Versions(snapshot, sequence: 3);

        var single = IcalCalendar.Load(_feeds.Session(snapshot, snapshot.Timeline.Find("d2-recap")!, versions))!;
        var personal = IcalCalendar.Load(_feeds.Personal(snapshot, ["d2-recap", "no-such-session", "d1-decent-work"], versions))!;

        Assert.Equal(["d2-recap@gmg-twlm-2014.gmgbot"], single.Events.Select(e => e.Uid));
        Assert.Equal(3, single.Events.Single().Sequence);
        Assert.Equal(["d1-decent-work@gmg-twlm-2014.gmgbot", "d2-recap@gmg-twlm-2014.gmgbot"], personal.Events.Select(e => e.Uid));
        Assert.Single(personal.TimeZones);
    }
}
