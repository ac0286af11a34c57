namespace GmgBot.Core.Search;

/// <summary>What a search asks: free text, optionally only some kinds of documents.</summary>
public sealed record SearchRequest(string Text, IReadOnlySet<SearchKind>? Kinds = null, int Top = 5);

public sealed record SearchHit(SearchDocument Document, float Score);

/// <summary>
/// The knowledge's full-text index. Lucene on disk by default; Azure AI Search for deployments that
/// outgrow one machine. Both index the same <see cref="SearchCorpus"/>.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Makes the index hold <paramref name="corpus"/>, rebuilding only when its content hash changed.</summary>
    ValueTask<IndexStatus> EnsureCurrentAsync(SearchCorpus corpus, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}

public sealed record IndexStatus(bool Rebuilt, int DocumentCount, string ContentHash, TimeSpan Elapsed);
