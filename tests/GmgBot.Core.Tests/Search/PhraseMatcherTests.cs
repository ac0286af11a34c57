using GmgBot.Core.Answering;
using GmgBot.Core.Search;

namespace GmgBot.Core.Tests.Search;

public sealed class PhraseMatcherTests
{
    private static readonly PhraseMatcher<string> Sessions = new(
    [
        ("decent", ["Promoting decent work for international migrants"]),
        ("costs", ["Reducing migration costs", "migration costs"]),
        ("cities", ["Reducing inequality and promoting inclusive cities and societies"]),
        ("mainstreaming", ["Mainstreaming migration into national development strategies"]),
    ]);

    [Theory]
    [InlineData("What time is the session on reducing migration costs?", "costs")]
    [InlineData("the migration costs one", "costs")]
    [InlineData("speakers on inclusive cities", "cities")]
    [InlineData("who chairs the decent work session", "decent")]
    public void Names_the_item_a_paraphrase_points_to(string question, string expected) =>
        Assert.Equal(expected, Sessions.Best(TextAnalysis.QuestionTerms(question))?.Item);

    [Fact]
    public void Names_nothing_when_only_common_words_are_shared() =>
        Assert.Null(Sessions.Best(TextAnalysis.QuestionTerms("Tell me about migration")));
}
