using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Tests.Cards;

namespace GmgBot.Core.Tests.Answering;

/// <summary>Disagreements the answer cards flag: real ones only, in a calm notice.</summary>
public sealed class AnswerCardsTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private AnswerCards Cards => new(fixture.Snapshot, new AgendaCards(fixture.Snapshot, new NoSessionActions()));

    private static Person Person(params string[] spellings) => new()
    {
        Id = "p", Name = spellings[0], Source = SmallKnowledge.Source(),
        Spellings = [.. spellings.Select(s => new NameVariant { Name = s, Source = SmallKnowledge.Source() })],
    };

    [Theory]
    [InlineData("Ban Ki-moon", "Ban Ki-Moon")]
    [InlineData("Ban Ki-moon", "Ban Kimoon")]
    [InlineData("Manuel Lapão", "Manuel Lapao")]
    [InlineData("Jill  Helke", "Jill Helke")]
    public void A_name_written_with_other_case_accents_or_spacing_is_no_disagreement(string one, string other) =>
        Assert.Null(Cards.Spellings(Person(one, other)));

    [Fact]
    public void A_name_spelled_with_other_letters_is_flagged_citing_each_spelling() =>
        Assert.StartsWith("The documents spell this name differently: “Manuel Imson”", Cards.Spellings(Person("Manuel Imson", "Manuel Imsom")), StringComparison.Ordinal);

    [Fact]
    public void A_group_named_with_an_abbreviation_or_its_words_in_another_order_is_no_disagreement_but_other_words_are()
    {
        var groups = fixture.Snapshot.Groups;

        Assert.Null(Cards.GroupNames(groups["wg-data-research"]));
        Assert.Null(Cards.GroupNames(groups["wg-human-rights-gender"]));
        Assert.Contains("Development Planning", Cards.GroupNames(groups["wg-mainstreaming"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Disagreements_are_a_notice_with_an_icon_in_the_normal_text_colour()
    {
        var card = Cards.Person(fixture.Snapshot.People["manuel-imson"], [.. fixture.Snapshot.Appearances["manuel-imson"]]).ToJson();

        var notice = Assert.Single(CardTree.Descendants(card), o => o["style"]?.GetValue<string>() == "emphasis");
        Assert.Contains("ℹ️", CardTree.Text(notice), StringComparison.Ordinal);
        Assert.DoesNotContain(CardTree.Descendants(card), o => o["color"]?.GetValue<string>() is "warning" or "good" or "attention");
    }
}
