using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Core.Tests;

/// <summary>
/// The shipped knowledge, loaded once per test class, with an in-memory Lucene index over it and the documents' vectors,
/// answered with the real embedding model: the engine as the bot runs it.
/// </summary>
public sealed class KnowledgeFixture : IAsyncLifetime, IDisposable
{
    public KnowledgeBase Knowledge { get; private set; } = null!;
    public KnowledgeSnapshot Snapshot { get; private set; } = null!;
    public LuceneSearchIndex Index { get; } = new(path: null);

    public async Task InitializeAsync()
    {
        Knowledge = await new KnowledgeLoader().LoadAsync(RepositoryPaths.Knowledge);
        Snapshot = new KnowledgeSnapshot(Knowledge);
        var (vectors, _) = await TestMeaning.Vectors.EnsureAsync(SearchCorpus.Of(Snapshot), CancellationToken.None);
        Snapshot.Keep(vectors);
        await Index.EnsureCurrentAsync(SearchCorpus.Of(Snapshot), vectors);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Index.Dispose();

    public AnswerEngine Engine(TimeProvider time) => new(new FixedKnowledgeSource(Snapshot), Index, time, meaning: TestMeaning.Encoder);
}
