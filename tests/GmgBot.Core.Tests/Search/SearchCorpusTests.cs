using GmgBot.Core.Agenda;
using GmgBot.Core.Search;

namespace GmgBot.Core.Tests.Search;

public sealed class SearchCorpusTests
{
    [Fact]
    public void Splits_markdown_into_plain_paragraph_passages()
    {
        var passages = SearchCorpus.Passages("**Bold** start.\n\nSecond *paragraph* here.").ToList();
        Assert.Equal(["Bold start.", "Second paragraph here."], passages);
    }

    [Fact]
    public void Cuts_long_paragraphs_at_sentence_ends()
    {
        var sentence = "This sentence is exactly long enough to matter in a passage. ";
        var passages = SearchCorpus.Passages(string.Concat(Enumerable.Repeat(sentence, 30))).ToList();
        Assert.True(passages.Count > 1);
        Assert.All(passages, p => Assert.EndsWith("passage.", p, StringComparison.Ordinal));
        Assert.All(passages, p => Assert.True(p.Length <= 700, $"{p.Length} chars"));
    }

    [Fact]
    public void Cites_each_passage_with_its_document_and_section()
    {
        var corpus = SearchCorpus.Of(new GmgBot.Core.Agenda.KnowledgeSnapshot(SmallKnowledge.Build()));
        var passage = corpus.Documents.First(d => d.Kind == SearchKind.Passage && d.Body.Contains("Swiss", StringComparison.Ordinal));
        Assert.Equal("note", passage.Source.Document);
        Assert.Equal("Background", passage.Source.Section);
    }
}
