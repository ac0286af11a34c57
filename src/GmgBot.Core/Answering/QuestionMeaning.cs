using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>A question's vector and the documents' vectors it is compared with (same model).</summary>
public sealed class QuestionMeaning(float[] vector, DocumentVectors documents)
{
    public ReadOnlyMemory<float> Vector => vector;

    /// <summary>How close the question is in meaning to a search document (cosine, about 0.2 unrelated to 0.9 the same); 0 when unknown.</summary>
    public float SimilarityTo(string documentId) => documents.Similarity(vector, documentId) ?? 0;

    /// <summary>The documents closest in meaning, best first, of the kinds given (all kinds when none).</summary>
    public IReadOnlyList<(string Id, float Similarity)> Nearest(int top, params SearchKind[] kinds) =>
        documents.Nearest(vector, top, kinds.Length == 0 ? null : id => kinds.Any(k => id.StartsWith(KindPrefix(k), StringComparison.Ordinal)));

    private static string KindPrefix(SearchKind kind) => kind.ToString().ToLowerInvariant() + ":";
}
