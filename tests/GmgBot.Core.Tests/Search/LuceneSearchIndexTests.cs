using GmgBot.Core.Agenda;
using GmgBot.Core.Search;

namespace GmgBot.Core.Tests.Search;

public sealed class LuceneSearchIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gmgbot-index-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Builds_once_and_reuses_the_index_on_disk_until_the_knowledge_changes()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "v1")));
        using (var first = new LuceneSearchIndex(_folder))
        {
            Assert.True((await first.EnsureCurrentAsync(corpus)).Rebuilt);
            Assert.False((await first.EnsureCurrentAsync(corpus)).Rebuilt);
        }
        using var restarted = new LuceneSearchIndex(_folder);
        var reopened = await restarted.EnsureCurrentAsync(corpus);
        Assert.False(reopened.Rebuilt);
        Assert.NotEmpty(await restarted.SearchAsync(new SearchRequest("decent work")));

        var changed = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "v2")));
        Assert.True((await restarted.EnsureCurrentAsync(changed)).Rebuilt);
    }

    [Fact]
    public async Task An_instance_waits_for_another_writing_the_same_folder_instead_of_failing_its_start()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "shared")));
        // Another instance holding the folder's write lock for longer than Lucene's default wait of one second.
        using var other = Lucene.Net.Store.FSDirectory.Open(_folder);
        var held = other.MakeLock(Lucene.Net.Index.IndexWriter.WRITE_LOCK_NAME);
        Assert.True(held.Obtain());
        var release = Task.Delay(TimeSpan.FromSeconds(2.5)).ContinueWith(_ => held.Dispose(), TaskScheduler.Default);

        using var index = new LuceneSearchIndex(_folder);
        var status = await index.EnsureCurrentAsync(corpus);
        await release;

        Assert.True(status.Rebuilt);
        Assert.NotEmpty(await index.SearchAsync(new SearchRequest("decent work")));
    }

    [Fact]
    public async Task Instances_sharing_a_folder_build_it_once_between_them()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "shared")));
        var instances = Enumerable.Range(0, 4).Select(_ => new LuceneSearchIndex(_folder)).ToList();
        try
        {
            var statuses = await Task.WhenAll(instances.Select(i => Task.Run(async () => await i.EnsureCurrentAsync(corpus))));

            Assert.All(statuses, s => Assert.Equal(corpus.ContentHash, s.ContentHash));
            foreach (var instance in instances)
            {
                Assert.NotEmpty(await instance.SearchAsync(new SearchRequest("decent work")));
            }
        }
        finally
        {
            instances.ForEach(i => i.Dispose());
        }
    }

    [Fact]
    public async Task Ranks_by_relevance_and_filters_by_kind()
    {
        using var index = await Built();
        var sessions = await index.SearchAsync(new SearchRequest("migration costs", new HashSet<SearchKind> { SearchKind.Session }));
        Assert.Equal("session:costs", sessions[0].Document.Id);
        Assert.All(sessions, h => Assert.Equal(SearchKind.Session, h.Document.Kind));
    }

    [Fact]
    public async Task Expands_acronyms_to_their_names()
    {
        using var index = await Built();
        var hits = await index.SearchAsync(new SearchRequest("Who is funded by SDC?", new HashSet<SearchKind> { SearchKind.Passage }));
        Assert.Contains("Swiss Agency", hits[0].Document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgives_typos_in_words_it_has_never_seen()
    {
        using var index = await Built();
        var hits = await index.SearchAsync(new SearchRequest("Leighten", new HashSet<SearchKind> { SearchKind.Passage }));
        Assert.Contains("Leighton", hits[0].Document.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_to_search_before_it_is_built()
    {
        using var index = new LuceneSearchIndex(path: null);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await index.SearchAsync(new SearchRequest("x")));
    }

    private static async Task<LuceneSearchIndex> Built()
    {
        var index = new LuceneSearchIndex(path: null);
        await index.EnsureCurrentAsync(SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build())));
        return index;
    }
}
