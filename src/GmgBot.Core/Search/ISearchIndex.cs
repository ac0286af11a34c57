namespace GmgBot.Core.Search;

/// <summary>
/// What a search asks: free text, optionally only some kinds of documents, and the text's meaning (its vector from the
/// same model as the index's <see cref="DocumentVectors"/>), which makes the search hybrid: words and meaning together.
/// </summary>
public sealed record SearchRequest(string Text, IReadOnlySet<SearchKind>? Kinds = null, int Top = 5, ReadOnlyMemory<float>? Vector = null);

public sealed record SearchHit(SearchDocument Document, float Score);

/// <summary>
/// The knowledge's search index. Lucene on disk by default; Azure AI Search for deployments that outgrow one machine.
/// Both index the same <see cref="SearchCorpus"/> and its <see cref="DocumentVectors"/>, and rank a request with a
/// vector by words and meaning fused (reciprocal rank fusion).
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Makes the index hold <paramref name="corpus"/> (and the documents' <paramref name="vectors"/>, when an embedding
    /// model is configured), rebuilding only when its content changed.
    /// </summary>
    ValueTask<IndexStatus> EnsureCurrentAsync(SearchCorpus corpus, DocumentVectors? vectors = null, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}

public sealed record IndexStatus(bool Rebuilt, int DocumentCount, string ContentHash, TimeSpan Elapsed);
