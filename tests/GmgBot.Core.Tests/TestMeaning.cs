using GmgBot.Core.Search;

namespace GmgBot.Core.Tests;

/// <summary>
/// The real embedding model, loaded once per test run (it holds about 150 MB), and the documents' vectors kept in a
/// folder shared by test runs: they are computed once per content of the knowledge, as in the bot.
/// </summary>
internal static class TestMeaning
{
    private static readonly Lazy<SentenceEncoder> Model = new(() => new SentenceEncoder());

    public static SentenceEncoder Encoder => Model.Value;

    public static string VectorFolder { get; } = Path.Combine(Path.GetTempPath(), "gmgbot-test-vectors");

    public static DocumentVectorCache Vectors { get; } = new(new LazyEncoder(), VectorFolder);

    // The cache asks the generator for its model id at construction; loading the model waits for the first use.
    private sealed class LazyEncoder : Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>
    {
        public Task<Microsoft.Extensions.AI.GeneratedEmbeddings<Microsoft.Extensions.AI.Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, Microsoft.Extensions.AI.EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Encoder.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)
                ? new Microsoft.Extensions.AI.EmbeddingGeneratorMetadata("onnxruntime", defaultModelId: SentenceEncoder.ModelId)
                : Encoder.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
