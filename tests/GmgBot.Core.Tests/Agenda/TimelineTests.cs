using GmgBot.Core.Agenda;

namespace GmgBot.Core.Tests.Agenda;

public sealed class TimelineTests
{
    private static readonly DateTimeOffset NineFifteenNewYork = new(2014, 10, 16, 9, 15, 0, TimeSpan.FromHours(-4));

    [Fact]
    public void Places_sessions_in_the_events_time_zone()
    {
        var timeline = new Timeline(SmallKnowledge.Build());
        var first = timeline.Sessions[0];
        Assert.Equal(new DateTimeOffset(2014, 10, 16, 13, 0, 0, TimeSpan.Zero), first.Start.ToUniversalTime());
    }

    [Fact]
    public void Knows_what_is_underway_and_what_comes_next()
    {
        var timeline = new Timeline(SmallKnowledge.Build());
        Assert.Equal("open", Assert.Single(timeline.Underway(NineFifteenNewYork)).Session.Id);
        Assert.Equal("costs", timeline.Next(NineFifteenNewYork)!.Session.Id);
        Assert.Null(timeline.Next(new DateTimeOffset(2014, 10, 18, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Replays_the_whole_event_from_another_start_date()
    {
        var timeline = new Timeline(SmallKnowledge.Build(), replayStart: new DateOnly(2026, 11, 24));
        Assert.Equal(new DateOnly(2026, 11, 25), timeline.DayNumbered(2)!.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(-5)), timeline.Sessions[0].Start);
        Assert.Equal(1, timeline.DayOn(new DateOnly(2014, 10, 16))!.Day);
        Assert.Single(timeline.BookingsOn(new DateOnly(2026, 11, 24)));
    }

    [Fact]
    public void Says_when_a_room_booking_covers_only_part_of_a_session()
    {
        var timeline = new Timeline(SmallKnowledge.Build());
        var partly = timeline.Find("open")!.Room;
        var fully = timeline.Find("costs")!.Room;
        Assert.Equal(("Room 6", false), (partly.Name, partly.Exact));
        Assert.Equal(("Room 6", true), (fully.Name, fully.Exact));
        Assert.Null(timeline.Find("recap")!.Room.Name);
    }
}
