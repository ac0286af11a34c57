using GmgBot.Core.Search;

namespace GmgBot.Core.Tests.Search;

public sealed class PhraseMatcherTests
{
    // As in the knowledge: a title plus the short names people use for it.
    private static readonly PhraseMatcher<string> Sessions = new(
    [
        ("decent", ["Promoting decent work for international migrants", "decent work", "first panel"]),
        ("costs", ["Reducing migration costs", "migration costs"]),
        ("cities", ["Reducing inequality and promoting inclusive cities and societies", "inclusive cities"]),
        ("mainstreaming", ["Mainstreaming migration into national development strategies"]),
    ]);

    [Theory]
    [InlineData("What time is the session on reducing migration costs?", "costs")]
    [InlineData("the migration costs one", "costs")]
    [InlineData("speakers on inclusive cities", "cities")]
    [InlineData("who chairs the decent work session", "decent")]
    [InlineData("who speaks on the first panel", "decent")]
    public void Names_the_item_a_paraphrase_points_to(string question, string expected) =>
        Assert.Equal(expected, Sessions.Best(TextAnalysis.QuestionTerms(question))?.Item);

    [Theory]
    [InlineData("Tell me about migration")]
    [InlineData("When was the first High-level Dialogue?")]
    public void Names_nothing_when_the_question_holds_only_part_of_a_name(string question) =>
        Assert.Null(Sessions.Best(TextAnalysis.QuestionTerms(question)));

    [Fact]
    public void Prefers_the_name_that_accounts_for_more_of_the_question_when_scores_are_close()
    {
        var events = new PhraseMatcher<string>(
        [
            ("hld-2006", ["First High-level Dialogue on International Migration and Development", "first HLD"]),
            ("hld-2013", ["Second High-level Dialogue on International Migration and Development", "High-level Dialogue"]),
            ("ttm", ["Tripartite Technical Meeting on Labour Migration"]),
        ]);
        Assert.Equal("hld-2006", events.Best(TextAnalysis.QuestionTerms("When was the first High-level Dialogue held?"), minCoverage: 0.5)?.Item);
    }
}
