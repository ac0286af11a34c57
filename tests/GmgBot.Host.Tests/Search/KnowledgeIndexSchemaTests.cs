using GmgBot.Core.Search;
using GmgBot.Host.Search;

namespace GmgBot.Host.Tests.Search;

public sealed class KnowledgeIndexSchemaTests
{
    [Theory]
    [InlineData("passage:concept-note:3:1")]
    [InlineData("target:10.7")]
    [InlineData("person:crépeau")]
    [InlineData("term:UN DESA")]
    public void Keys_are_valid_azure_keys_that_give_the_id_back(string id)
    {
        var key = KnowledgeIndexSchema.KeyOf(id);

        Assert.Matches("^[A-Za-z0-9][A-Za-z0-9_-]*$", key);
        Assert.NotEqual(KnowledgeIndexSchema.BuildKey, key);
        Assert.Equal(id, KnowledgeIndexSchema.IdOfKey(key));
    }

    [Fact]
    public void Synonym_phrases_that_contain_solr_syntax_stay_phrases()
    {
        var map = KnowledgeIndexSchema.SynonymMap("m", [new SynonymGroup(["UN DESA", "Department of Economic and Social Affairs, UN", "A=>B"]), new SynonymGroup(["alone"])]);

        Assert.Equal(@"UN DESA, Department of Economic and Social Affairs\, UN, A=\>B", map!.Synonyms);
    }

    [Fact]
    public void No_synonym_groups_means_no_synonym_map_and_no_reference_to_one()
    {
        Assert.Null(KnowledgeIndexSchema.SynonymMap("m", []));
        Assert.All(KnowledgeIndexSchema.Index("i", synonymMap: null).Fields.Where(f => f.IsSearchable == true), f => Assert.Empty(f.SynonymMapNames));
    }

    [Theory]
    [InlineData("a+b", @"a\+b")]
    [InlineData("title:x*", @"title\:x\*")]
    [InlineData("(1/2)~", @"\(1\/2\)\~")]
    [InlineData("\"q\"^2 && !x || {y} [z] ?-", @"\""q\""\^2 \&\& \!x \|\| \{y\} \[z\] \?\-")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("plain words", "plain words")]
    public void Every_reserved_character_of_the_full_lucene_syntax_is_escaped(string text, string expected)
    {
        Assert.Equal(expected, AzureQueryWriter.Escape(text));
    }

    [Fact]
    public void Kind_filter_lists_the_kinds_in_one_search_in()
    {
        Assert.Equal("search.in(kind, 'Session', ',')", AzureSearchIndex.KindFilter(new HashSet<SearchKind> { SearchKind.Session }));
        Assert.Null(AzureSearchIndex.KindFilter(new HashSet<SearchKind>()));
        Assert.Null(AzureSearchIndex.KindFilter(null));
    }
}
