using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Tests.Cards;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Core.Tests.Agenda;

/// <summary>"agenda", "agenda day N", "agenda today": one day's schedule as of now (the small meeting: 16 and 17 October 2014, New York).</summary>
public sealed class AgendaCommandTests
{
    private static readonly DateTimeOffset DuringDayOne = new(2014, 10, 16, 15, 0, 0, TimeSpan.Zero); // 11:00 in New York
    private static readonly QuestionContext Ana = new() { UserId = "29:ana", UserTimeZone = "Europe/London" };

    private readonly Mock<IQuestionAnswerer> _answerer = new();

    private AgendaCommand Command(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        return new AgendaCommand(new FixedKnowledgeSource(new KnowledgeSnapshot(SmallKnowledge.Build())), new SessionActions([], time), _answerer.Object, time);
    }

    private Task<BotReply> Ask(string argument, DateTimeOffset? now = null) =>
        Command(now ?? DuringDayOne).HandleAsync(new CommandRequest(BotCommands.Agenda, argument, Ana), CancellationToken.None);

    private static string CardText(BotReply reply) => CardTree.Text(Assert.Single(reply.Cards));

    [Theory]
    [InlineData("day 3")]
    [InlineData("3")]
    [InlineData("day three")]
    public async Task A_day_the_meeting_does_not_have_says_how_many_days_it_has_and_offers_them(string argument)
    {
        var reply = await Ask(argument);

        Assert.Equal("There is no day 3: Test Meeting has two days: Day 1, Thursday 16 October 2014 and Day 2, Friday 17 October 2014.", reply.Text);
        Assert.Empty(reply.Cards);
        Assert.Equal(["Agenda day 1", "Agenda day 2"], reply.Suggestions);
    }

    [Fact]
    public async Task Agenda_means_today_during_the_meeting_with_the_next_day_a_tap_away_and_a_refresh_that_keeps_it_current()
    {
        var reply = await Ask("");

        Assert.Equal("Day 1, Thursday 16 October 2014: 2 agenda items, 09:00–12:15 New York time.", reply.Text);
        var card = Assert.Single(reply.Cards).ToJson();
        Assert.Equal("Day 2 ›", card["actions"]!.AsArray().Single()!["title"]!.GetValue<string>());
        Assert.Equal(2, card["actions"]![0]!["data"]![AgendaCards.DayProperty]!.GetValue<int>());
        Assert.Equal((AgendaCards.DayVerb, "29:ana"), (card["refresh"]!["action"]!["verb"]!.GetValue<string>(), card["refresh"]!["userIds"]![0]!.GetValue<string>()));
        var text = CardTree.Text(card);
        Assert.Contains("\"text\":\"Today\"", text, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Ended\"", text, StringComparison.Ordinal); // decent work, 09:00–10:30
        Assert.Contains("\"text\":\"Now\"", text, StringComparison.Ordinal);   // migration costs, 10:45–12:15
        Assert.Contains("your time is 5 h ahead", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Today_and_tomorrow_follow_the_clock_and_a_day_without_sessions_says_so()
    {
        Assert.StartsWith("Day 2,", (await Ask("tomorrow")).Text, StringComparison.Ordinal);
        Assert.StartsWith("Day 1,", (await Ask("today")).Text, StringComparison.Ordinal);
        var sunday = await Ask("today", new DateTimeOffset(2014, 10, 19, 15, 0, 0, TimeSpan.Zero));
        Assert.StartsWith("There are no sessions today: Test Meeting has two days", sunday.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_meeting_agenda_is_day_one_and_after_it_too_with_every_session_ended()
    {
        Assert.StartsWith("Day 1,", (await Ask("", new DateTimeOffset(2014, 10, 1, 12, 0, 0, TimeSpan.Zero))).Text, StringComparison.Ordinal);
        var after = await Ask("", new DateTimeOffset(2014, 11, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.StartsWith("Day 1,", after.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"text\":\"Now\"", CardText(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_words_after_agenda_are_a_question()
    {
        _answerer.Setup(a => a.AnswerAsync("agenda for the inclusive cities session", Ana, It.IsAny<CancellationToken>()))
            .ReturnsAsync(BotReply.Plain("answered"));

        Assert.Equal("answered", (await Ask("for the inclusive cities session")).Text);
    }

    [Fact]
    public async Task The_day_buttons_show_the_other_day_in_place_of_the_card()
    {
        var action = new AgendaDayAction(Command(DuringDayOne));

        var result = await action.HandleAsync(new CardActionRequest(AgendaCards.DayVerb, new JsonObject { [AgendaCards.DayProperty] = 2 }, Ana, IsExecute: true), CancellationToken.None);
        var missing = await action.HandleAsync(new CardActionRequest(AgendaCards.DayVerb, new JsonObject { [AgendaCards.DayProperty] = 9 }, Ana, IsExecute: true), CancellationToken.None);

        Assert.Contains("Recap session", CardTree.Text(result.UpdatedCard!), StringComparison.Ordinal);
        Assert.Equal("‹ Day 1", result.UpdatedCard!.ToJson()["actions"]![0]!["title"]!.GetValue<string>());
        Assert.Null(missing.UpdatedCard);
        Assert.StartsWith("There is no day 9", missing.Reply!.Text, StringComparison.Ordinal);
    }
}
