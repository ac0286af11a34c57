using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Tests.Cards;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Core.Tests.Agenda;

/// <summary>The agenda's cards as the clock has them, and their shape on a phone.</summary>
public sealed class AgendaCardsTests
{
    private static readonly KnowledgeSnapshot Snapshot = new(SmallKnowledge.Build());
    private static readonly DateTimeOffset DuringDayOne = new(2014, 10, 16, 15, 0, 0, TimeSpan.Zero); // 11:00 in New York

    /// <summary>A feature's button that, like Remind me, only makes sense before the session starts.</summary>
    private sealed class BeforeTheStart(TimeProvider time) : ISessionActionSource
    {
        public string Feature => "test";

        public IEnumerable<CardAction> For(ScheduledSession session) =>
            session.Start > time.GetUtcNow() ? [CardParts.Button("Remind me", "test.remind")] : [];
    }

    private static AgendaCards At(DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        return new AgendaCards(Snapshot, new SessionActions([new BeforeTheStart(time)], time));
    }

    private static IReadOnlyList<string> ActionTitles(AdaptiveCard card) => [.. (card.Actions ?? []).Select(a => a.Title!)];

    [Fact]
    public void A_session_that_has_ended_says_so_offers_the_next_one_and_no_longer_offers_what_only_made_sense_before()
    {
        var card = At(DuringDayOne).Session(Snapshot.Timeline.Find("open")!, null);

        var text = CardTree.Text(card);
        Assert.Contains("This session has ended.", text, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"Ended\"", text, StringComparison.Ordinal);
        Assert.Equal(["Next session", "Day 1 agenda"], ActionTitles(card));
        Assert.Equal(ActionMode.Secondary, card.Actions!.Last().Mode);
    }

    [Fact]
    public void A_session_still_to_come_offers_the_features_buttons_first()
    {
        var card = At(DuringDayOne).Session(Snapshot.Timeline.Find("recap")!, null);

        Assert.Equal(["Remind me", "Day 2 agenda"], ActionTitles(card));
        Assert.Contains("\"text\":\"Next\"", CardTree.Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public void One_users_view_puts_their_state_where_the_card_shows_it()
    {
        var session = Snapshot.Timeline.Find("recap")!;
        var card = At(DuringDayOne).Session(session, null, [new SessionOffer("test", [CardParts.Button("Undo", "test.undo")], "✓ Reminder set · 15 min before")]);

        Assert.Equal(["Undo", "Day 2 agenda"], ActionTitles(card));
        Assert.Contains(CardTree.Descendants(card.ToJson()), o => o["style"]?.GetValue<string>() == "emphasis"
            && CardTree.Text(o).Contains("✓ Reminder set · 15 min before", StringComparison.Ordinal));
    }

    [Fact]
    public void A_days_schedule_is_rows_that_open_their_session_not_a_row_of_buttons_per_session()
    {
        var card = At(DuringDayOne).Schedule([(Snapshot.Timeline.DayNumbered(1)!, [.. Snapshot.Timeline.OnDay(1)])]).ToJson();

        Assert.DoesNotContain(CardTree.Descendants(card), o => o["type"]?.GetValue<string>() == "ActionSet");
        var opened = CardTree.Descendants(card).Where(o => o["selectAction"]?["data"]?["verb"]?.GetValue<string>() == AgendaCards.ShowSessionVerb)
            .Select(o => o["selectAction"]!["data"]!["sessionId"]!.GetValue<string>());
        Assert.Equal(["open", "costs"], opened);
        Assert.Contains(CardTree.Descendants(card), o => o["text"]?.GetValue<string>() == "›");
    }

    [Fact]
    public void Cards_out_of_time_have_no_marks()
    {
        var card = new AgendaCards(Snapshot, new NoSessionActions()).Schedule([(Snapshot.Timeline.DayNumbered(1)!, [.. Snapshot.Timeline.OnDay(1)])]);

        Assert.DoesNotContain(CardTree.Descendants(card.ToJson()), o => o["text"]?.GetValue<string>() is "Now" or "Next" or "Ended" or "Today");
    }

    [Fact]
    public void Several_sources_fit_one_line_with_the_sections_on_demand()
    {
        var sources = new[] { SmallKnowledge.Source("Agenda"), SmallKnowledge.Source("Cover") };

        var footer = (Container)At(DuringDayOne).SourceLine(sources);

        var toggle = Assert.IsType<ActionToggleVisibility>(footer.SelectAction);
        var details = Assert.IsType<Container>(footer.Items[1]);
        Assert.Equal((false, details.Id), (details.IsVisible, Assert.Single(toggle.TargetElements)));
        Assert.Equal(2, details.Items.Count);
    }

    [Fact]
    public void A_replayed_agenda_says_so_on_its_cards()
    {
        var replay = new KnowledgeSnapshot(SmallKnowledge.Build(), new DateOnly(2026, 3, 12));

        var card = CardTree.Text(new AgendaCards(replay, new NoSessionActions()).Session(replay.Timeline.Find("open")!, null));

        Assert.Contains("Replay: the agenda of 16–17 October 2014, on 12–13 March 2026", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Replay", CardTree.Text(At(DuringDayOne).Session(Snapshot.Timeline.Find("open")!, null)), StringComparison.Ordinal);
    }
}
