using System.Text.Json;
using GmgBot.Core.Agenda;
using GmgBot.Core.Calendar;
using GmgBot.Core.Cards;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Core.Tests.Calendar;

/// <summary>
/// Every card kind of the calendar feature, built as the bot builds it and written to artifacts/cards/ (one file per
/// kind) for CI's run of the official adaptivecards parser; the tests also check what each card must offer.
/// </summary>
public sealed class CalendarCardSamples(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private static readonly Uri Agenda = new("https://gmgbot.example.org/calendar/agenda.ics");

    private static JsonElement Write(string kind, AdaptiveCard card) =>
        JsonDocument.Parse(CardArtifacts.Write(kind, card.ToJson())).RootElement;

    /// <summary>Every string in the card, unescaped, in document order.</summary>
    private static string Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()! + "\n",
        JsonValueKind.Object => string.Concat(element.EnumerateObject().Select(p => Texts(p.Value))),
        JsonValueKind.Array => string.Concat(element.EnumerateArray().Select(Texts)),
        _ => "",
    };

    private static IEnumerable<JsonElement> Actions(JsonElement card) =>
        card.TryGetProperty("actions", out var actions) ? actions.EnumerateArray() : [];

    [Fact]
    public void Calendar_card_with_Outlook_offers_a_session_choice_and_an_Execute_with_a_Submit_fallback()
    {
        var card = Write("calendar-outlook", CalendarCards.Overview(fixture.Snapshot.Timeline, outlook: true, Agenda, personalFeeds: true, new HashSet<string> { "d2-recap" },
            fixture.Snapshot.Timeline.Find("d1-decent-work")!.End));

        var choice = card.GetProperty("body").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "Input.ChoiceSet");
        Assert.True(choice.GetProperty("isMultiSelect").GetBoolean());
        Assert.Equal("d2-recap", choice.GetProperty("value").GetString());
        Assert.DoesNotContain(choice.GetProperty("choices").EnumerateArray(), c => c.GetProperty("value").GetString() == "d1-lunch");
        // Sessions over by now are not offered.
        Assert.DoesNotContain(choice.GetProperty("choices").EnumerateArray(), c => c.GetProperty("value").GetString() == "d1-decent-work");
        Assert.Contains(choice.GetProperty("choices").EnumerateArray(), c => c.GetProperty("value").GetString() == "d1-migration-costs");
        var add = Actions(card).First();
        Assert.Equal(("Action.Execute", CalendarCards.AddVerb), (add.GetProperty("type").GetString(), add.GetProperty("verb").GetString()));
        Assert.Equal("Action.Submit", add.GetProperty("fallback").GetProperty("type").GetString());
        Assert.Equal(CalendarCards.AddVerb, add.GetProperty("fallback").GetProperty("data").GetProperty("verb").GetString());
        Assert.Contains(Actions(card), a => a.GetProperty("type").GetString() == "Action.OpenUrl" && a.GetProperty("url").GetString() == Agenda.AbsoluteUri);
    }

    [Fact]
    public void Calendar_card_without_Outlook_offers_the_feeds_only()
    {
        var card = Write("calendar-ics", CalendarCards.Overview(fixture.Snapshot.Timeline, outlook: false, Agenda, personalFeeds: true, new HashSet<string>(), fixture.Snapshot.Timeline.EventStart));

        Assert.DoesNotContain(card.GetProperty("body").EnumerateArray(), e => e.GetProperty("type").GetString()!.StartsWith("Input.", StringComparison.Ordinal));
        Assert.Equal(["Action.OpenUrl", "Action.Submit"], Actions(card).Select(a => a.GetProperty("type").GetString()));
    }

    [Fact]
    public void Personal_feed_card_shows_the_link_once_with_a_warning()
    {
        var feed = new Uri("https://gmgbot.example.org/calendar/feeds/Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5.ics");

        var card = Write("calendar-personal-feed", CalendarCards.PersonalFeed(feed));

        Assert.Contains(feed.AbsoluteUri, Texts(card), StringComparison.Ordinal);
        Assert.Equal(feed.AbsoluteUri, Actions(card).Single().GetProperty("url").GetString());
    }

    [Fact]
    public void Outlook_day_card_lists_the_events_in_order()
    {
        var card = Write("calendar-outlook-day", CalendarCards.Day(new DateOnly(2026, 3, 10), "Europe/London time",
        [
            new OutlookEvent("Team stand-up", new DateTime(2026, 3, 10, 9, 0, 0), new DateTime(2026, 3, 10, 9, 15, 0), "Teams", false, false),
            new OutlookEvent("Promoting decent work", new DateTime(2026, 3, 10, 13, 0, 0), new DateTime(2026, 3, 10, 14, 30, 0), "Conference Room 6", false, true),
            new OutlookEvent("Leave", new DateTime(2026, 3, 10), new DateTime(2026, 3, 11), null, true, false),
        ]));

        var text = Texts(card);
        Assert.True(text.IndexOf("Team stand-up", StringComparison.Ordinal) < text.IndexOf("Promoting decent work", StringComparison.Ordinal));
        Assert.Contains("09:00–09:15", text, StringComparison.Ordinal);
        Assert.Contains("(cancelled)", text, StringComparison.Ordinal);
        Assert.Contains("All day", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Session_card_carries_Add_to_calendar(bool outlook)
    {
        var session = fixture.Snapshot.Timeline.Find("d1-decent-work")!;
        var feeds = new Moq.Mock<ICalendarFeeds>();
        feeds.Setup(f => f.SessionUrl("d1-decent-work")).Returns(new Uri("https://gmgbot.example.org/calendar/sessions/d1-decent-work.ics"));
        var beforeTheEvent = new FakeTimeProvider(session.Start.AddDays(-1));
        var actions = new SessionActions([new CalendarSessionActions(feeds.Object, beforeTheEvent, outlook ? Moq.Mock.Of<IOutlookCalendar>() : null)], beforeTheEvent);

        var card = Write(outlook ? "calendar-session-outlook" : "calendar-session-ics", new AgendaCards(fixture.Snapshot, actions).Session(session, null));

        var button = Actions(card).First();
        Assert.Equal("Add to calendar", button.GetProperty("title").GetString());
        if (outlook)
        {
            Assert.Equal("Action.Execute", button.GetProperty("type").GetString());
            Assert.Equal("d1-decent-work", button.GetProperty("data").GetProperty(CalendarCards.SessionIdProperty).GetString());
            Assert.Equal("Action.Submit", button.GetProperty("fallback").GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("https://gmgbot.example.org/calendar/sessions/d1-decent-work.ics", button.GetProperty("url").GetString());
        }
        Assert.Empty(new CalendarSessionActions(feeds.Object, beforeTheEvent).For(fixture.Snapshot.Timeline.Find("d1-lunch")!));
    }

    [Fact]
    public void A_session_that_has_ended_offers_no_Add_to_calendar()
    {
        var session = fixture.Snapshot.Timeline.Find("d1-decent-work")!;
        var feeds = new Moq.Mock<ICalendarFeeds>();
        feeds.Setup(f => f.SessionUrl(session.Session.Id)).Returns(new Uri("https://gmgbot.example.org/calendar/sessions/d1-decent-work.ics"));

        Assert.NotEmpty(new CalendarSessionActions(feeds.Object, new FakeTimeProvider(session.End.AddMinutes(-1))).For(session));
        Assert.Empty(new CalendarSessionActions(feeds.Object, new FakeTimeProvider(session.End)).For(session));
    }
}
