using GmgBot.Core.Answering;

namespace GmgBot.Core.Tests.Search;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("leighton", "leighton", 0)]
    [InlineData("leighten", "leighton", 1)]
    [InlineData("agrawal", "agarwal", 1)]
    [InlineData("orosco", "orozco", 1)]
    [InlineData("migraton", "migration", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Counts_edits_and_adjacent_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Bounded(a, b, max: 5));

    [Fact]
    public void Stops_early_beyond_the_bound() => Assert.Equal(2, EditDistance.Bounded("abcdef", "uvwxyz", max: 1));
}
