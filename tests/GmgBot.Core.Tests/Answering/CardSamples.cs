using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using GmgBot.Core.Cards;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Core.Tests.Answering;

/// <summary>
/// Builds every kind of card the bot answers with, from real questions, and writes each as JSON under
/// artifacts/cards/ so CI can check them with the official adaptivecards parser (tests/cards/validate-cards.mjs).
/// </summary>
public sealed class CardSamples(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    public static TheoryData<string, string> Questions => new()
    {
        { "session", "Who chairs the session on reducing inequality?" },
        { "session-tbc", "Is the concluding session confirmed?" },
        { "schedule-day", "What is on the agenda for 17 October?" },
        { "schedule-all", "agenda" },
        { "person", "Who is Manuel Imson?" },
        { "group", "Who co-chairs the Working Group on Data and Research?" },
        { "groups", "List the GMG working groups and task forces" },
        { "sdg-target", "What is SDG target 10.c?" },
        { "sdg-goal", "What is SDG goal 10?" },
        { "event", "When was the Tripartite Technical Meeting on Labour Migration held?" },
        { "fact-disagreement", "How many agencies are in the GMG?" },
        { "passage", "What role could KNOMAD play according to the roundtable?" },
        { "term", "What does HLD stand for?" },
        { "event-objectives", "What are the objectives of the meeting?" },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public async Task Every_answer_card_kind_is_written_for_the_official_parser(string kind, string question)
    {
        var engine = fixture.Engine(new FakeTimeProvider(new DateTimeOffset(2014, 10, 16, 13, 0, 0, TimeSpan.Zero)));

        var answer = await engine.AskAsync(question, new QuestionContext());

        Assert.NotNull(answer.Card);
        Write(kind, answer.Card);
    }

    [Fact]
    public void The_help_and_welcome_cards_are_written_too()
    {
        var now = fixture.Snapshot.Timeline.EventStart.AddDays(-1);
        Write("help", Assert.Single(BotMessages.Help(fixture.Snapshot, now).Cards));
        Write("welcome", Assert.Single(BotMessages.Welcome(fixture.Snapshot.Timeline).Cards));
        Write("welcome-replay", Assert.Single(BotMessages.Welcome(new GmgBot.Core.Agenda.Timeline(fixture.Knowledge, new DateOnly(2026, 3, 12))).Cards));
    }

    private static void Write(string kind, AdaptiveCard card)
    {
        var json = card.ToJson();
        Assert.Equal("1.5", json["version"]!.GetValue<string>());
        CardArtifacts.Write($"answer-{kind}", json, indented: false);
    }
}
