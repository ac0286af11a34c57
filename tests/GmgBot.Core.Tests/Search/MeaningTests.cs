using System.Numerics.Tensors;
using GmgBot.Core.Agenda;
using GmgBot.Core.Search;
using Microsoft.Extensions.AI;

namespace GmgBot.Core.Tests.Search;

/// <summary>The embedding model in-process, the documents' vectors and their cache, and hybrid ranking.</summary>
public sealed class MeaningTests
{
    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    private static async Task<float[]> Document(string text) => (await TestMeaning.Encoder.EmbedDocumentsAsync([text], CancellationToken.None))[0];

    [Fact]
    public async Task Vectors_are_normalised_with_the_model_s_384_dimensions()
    {
        var vector = await Document("Reducing the costs of migration");

        Assert.Equal(384, vector.Length);
        Assert.Equal(1, TensorPrimitives.Norm(vector), 3);
    }

    [Fact]
    public async Task A_description_is_closer_to_what_it_describes_than_to_its_neighbours()
    {
        var question = await TestMeaning.Encoder.EmbedQueryAsync("the panel about cheaper money transfers home", CancellationToken.None);
        var costs = await Document("Reducing migration costs: recruitment costs and the costs of sending remittances home");
        var work = await Document("Promoting decent work for international migrants");

        Assert.True(Cosine(question, costs) > Cosine(question, work) + 0.05, $"{Cosine(question, costs):F3} vs {Cosine(question, work):F3}");
    }

    [Fact]
    public async Task Accents_line_breaks_and_tabs_are_read_as_plain_text()
    {
        Assert.True(Cosine(await Document("Côte d’Ivoire café résumé"), await Document("Cote d'Ivoire cafe resume")) > 0.95);
        Assert.True(Cosine(await Document("line one\nline two\ttab"), await Document("line one line two tab")) > 0.99);
    }

    [Fact]
    public async Task A_question_is_embedded_with_the_model_s_instruction()
    {
        var asQuery = await TestMeaning.Encoder.EmbedQueryAsync("who chairs the recap", CancellationToken.None);
        var asDocument = await Document("who chairs the recap");

        Assert.True(Cosine(asQuery, asDocument) < 0.99);
    }

    [Fact]
    public async Task Document_vectors_round_trip_through_their_file_and_say_what_they_belong_to()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "v1")));
        var vectors = await DocumentVectors.ComputeAsync(corpus, new HandMade(), CancellationToken.None);
        using var file = new MemoryStream();

        await vectors.SaveAsync(file, CancellationToken.None);
        file.Position = 0;
        var loaded = DocumentVectors.Load(file)!;

        Assert.True(loaded.Matches(corpus, HandMade.Model));
        Assert.False(loaded.Matches(corpus, "another-model"));
        Assert.Equal(vectors.Ids, loaded.Ids);
        Assert.All(corpus.Documents, d => Assert.Equal(1, loaded.Similarity(HandMade.Vector(DocumentVectors.TextOf(d)), d.Id)!.Value, 4));
        Assert.Null(DocumentVectors.Load(new MemoryStream([1, 2, 3])));
    }

    [Fact]
    public async Task The_cache_computes_once_per_knowledge_and_model_and_reads_after()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gmgbot-vectors-" + Guid.NewGuid().ToString("N"));
        try
        {
            var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "v1")));
            var changed = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build(hash: "v2")));

            Assert.True((await new DocumentVectorCache(new HandMade(), folder).EnsureAsync(corpus, CancellationToken.None)).Computed);
            Assert.False((await new DocumentVectorCache(new HandMade(), folder).EnsureAsync(corpus, CancellationToken.None)).Computed);
            Assert.True((await new DocumentVectorCache(new HandMade(), folder).EnsureAsync(changed, CancellationToken.None)).Computed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Rank_fusion_prefers_a_document_both_rankings_place_well()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build()));
        var (a, b, c) = (corpus.Documents[0], corpus.Documents[1], corpus.Documents[2]);

        var fused = ReciprocalRankFusion.Fuse([new SearchHit(a, 9), new SearchHit(b, 8)], [c, b], top: 3);

        Assert.Equal([b.Id, a.Id, c.Id], fused.Select(h => h.Document.Id));
    }

    [Fact]
    public async Task A_hybrid_search_finds_what_only_meaning_finds()
    {
        var corpus = SearchCorpus.Of(new KnowledgeSnapshot(SmallKnowledge.Build()));
        var vectors = await DocumentVectors.ComputeAsync(corpus, new HandMade(), CancellationToken.None);
        using var index = new LuceneSearchIndex(path: null);
        await index.EnsureCurrentAsync(corpus, vectors);
        var target = corpus.Documents.Single(d => d.Id == "session:recap");

        var byWords = await index.SearchAsync(new SearchRequest("zebra", Top: 3));
        var hybrid = await index.SearchAsync(new SearchRequest("zebra", Top: 3, Vector: HandMade.Vector(DocumentVectors.TextOf(target))));

        Assert.Empty(byWords);
        Assert.Equal(target.Id, hybrid[0].Document.Id);
    }

    /// <summary>A deterministic stand-in model: each text's vector is a hash of it, so equal texts are identical and others far apart.</summary>
    private sealed class HandMade : IEmbeddingGenerator<string, Embedding<float>>
    {
        public const string Model = "hand-made";

        public static float[] Vector(string text)
        {
            var random = new Random(StringComparer.Ordinal.GetHashCode(text));
            var v = Enumerable.Range(0, 16).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            return v;
        }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Vector(v)))));

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", defaultModelId: Model) : null;

        public void Dispose()
        {
        }
    }
}
