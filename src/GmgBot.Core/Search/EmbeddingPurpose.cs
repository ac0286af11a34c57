using Microsoft.Extensions.AI;

namespace GmgBot.Core.Search;

/// <summary>
/// Whether a text is a question or a document: some models (arctic-embed) embed questions with an instruction.
/// Carried in <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>, so any generator can read or ignore it.
/// </summary>
public enum EmbeddingPurpose { Document, Query }

public static class EmbeddingPurposes
{
    private const string Key = "gmgbot.purpose";

    extension(EmbeddingPurpose)
    {
        public static EmbeddingPurpose Of(EmbeddingGenerationOptions? options) =>
            options?.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is EmbeddingPurpose purpose ? purpose : EmbeddingPurpose.Document;
    }

    /// <summary>The vector of a question.</summary>
    public static async Task<float[]> EmbedQueryAsync(this IEmbeddingGenerator<string, Embedding<float>> generator, string question, CancellationToken cancellationToken)
    {
        var options = new EmbeddingGenerationOptions { AdditionalProperties = new() { [Key] = EmbeddingPurpose.Query } };
        var embeddings = await generator.GenerateAsync([question], options, cancellationToken);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>The vectors of documents, in order.</summary>
    public static async Task<float[][]> EmbedDocumentsAsync(this IEmbeddingGenerator<string, Embedding<float>> generator, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var embeddings = await generator.GenerateAsync(texts, options: null, cancellationToken);
        return [.. embeddings.Select(e => e.Vector.ToArray())];
    }
}
