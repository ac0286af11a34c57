using GmgBot.Core.Search;
using Microsoft.Extensions.AI;

namespace GmgBot.Host.Tests.Search;

/// <summary>An embedding "model" whose vectors the test chooses, so what meaning finds is known without a real model.</summary>
internal sealed class HandMadeEmbeddings(string modelId, Func<string, float[]> vectorOf) : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The corpus' document vectors as <paramref name="modelId"/> would give them: <paramref name="vectorOf"/> each document.</summary>
    public static Task<DocumentVectors> For(SearchCorpus corpus, string modelId, Func<SearchDocument, float[]> vectorOf)
    {
        var byText = new Dictionary<string, float[]>();
        foreach (var document in corpus.Documents)
        {
            byText.TryAdd(DocumentVectors.TextOf(document), vectorOf(document));
        }
        return DocumentVectors.ComputeAsync(corpus, new HandMadeEmbeddings(modelId, text => byText[text]), CancellationToken.None);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(vectorOf(v)))));

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("hand-made", defaultModelId: modelId) : null;

    public void Dispose()
    {
    }
}
