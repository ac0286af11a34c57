using GmgBot.Core.Conversation;
using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Core.Tests.Calendar;

public sealed class CalendarAssistantTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly Uri Agenda = new("https://gmgbot.example.org/calendar/agenda.ics");
    private static readonly QuestionContext Ana = new() { UserId = "29:ana", AadObjectId = "aad-ana", UserTimeZone = "Europe/London" };

    private readonly Mock<IOutlookCalendar> _outlook = new();

    private CalendarAssistant Assistant(bool outlook = true)
    {
        var feeds = new Mock<ICalendarFeeds>();
        feeds.Setup(f => f.AgendaUrl()).Returns(Agenda);
        feeds.Setup(f => f.SessionUrl(It.IsAny<string>())).Returns((string id) => new Uri($"https://gmgbot.example.org/calendar/sessions/{id}.ics"));
        return new CalendarAssistant(new FixedKnowledgeSource(fixture.Snapshot), feeds.Object,
            new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero)), NullLogger<CalendarAssistant>.Instance,
            outlook ? _outlook.Object : null);
    }

    [Fact]
    public async Task Outlook_failing_midway_says_what_was_done_and_offers_the_feed()
    {
        _outlook.SetupSequence(o => o.AddAsync("aad-ana", It.IsAny<ScheduledSession>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(OutlookWrite.Created)
            .ThrowsAsync(new OutlookCalendarException(OutlookFailure.Unavailable, "Graph could not be reached"));

        var reply = (await Assistant().AddAsync(Ana, ["d1-decent-work", "d2-recap"], CancellationToken.None)).Reply;

        Assert.StartsWith("Added to your Outlook calendar: **Promoting decent work", reply.Text, StringComparison.Ordinal);
        Assert.Contains("try again in a few minutes", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Agenda.AbsoluteUri, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Outlook_a_session_is_handed_out_as_its_ics_file()
    {
        var reply = (await Assistant(outlook: false).AddAsync(Ana, ["d2-recap"], CancellationToken.None)).Reply;

        Assert.Contains("[Recap session](https://gmgbot.example.org/calendar/sessions/d2-recap.ics)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_sessions_and_unknown_users_get_a_way_forward_not_an_error()
    {
        var gone = (await Assistant().AddAsync(Ana, ["no-such-session"], CancellationToken.None)).Reply;
        var anonymous = (await Assistant().AddAsync(Ana with { AadObjectId = null }, ["d2-recap"], CancellationToken.None)).Reply;

        Assert.Contains("no longer on the agenda", gone.Text, StringComparison.Ordinal);
        Assert.Contains("Teams didn't tell me who you are", anonymous.Text, StringComparison.Ordinal);
        _outlook.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Today_is_the_users_own_date_and_stays_out_of_group_chats()
    {
        _outlook.Setup(o => o.DayAsync("aad-ana", It.IsAny<DateOnly>(), It.IsAny<TimeZoneInfo>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var inGroup = await Assistant().TodayAsync(Ana with { IsGroup = true }, CancellationToken.None);
        var inTokyo = await Assistant().TodayAsync(Ana with { UserTimeZone = "Asia/Tokyo" }, CancellationToken.None);

        Assert.Contains("1:1 chat", inGroup.Text, StringComparison.Ordinal);
        // 23:30 UTC on 10 March is already 11 March in Tokyo.
        _outlook.Verify(o => o.DayAsync("aad-ana", new DateOnly(2026, 3, 11), It.Is<TimeZoneInfo>(z => z.Id == "Asia/Tokyo"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(inTokyo.Cards);
    }
}
