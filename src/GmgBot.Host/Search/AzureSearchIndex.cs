using Azure;
using Azure.Identity;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using Azure.Search.Documents.Models;
using GmgBot.Core.Search;
using Fields = GmgBot.Host.Search.KnowledgeIndexSchema.Fields;

namespace GmgBot.Host.Search;

/// <summary>
/// The knowledge index on Azure AI Search, for deployments that run more than one instance. It indexes and queries
/// the corpus as <see cref="LuceneSearchIndex"/> does (same analysis, BM25, names/title/body weighted 3/2/1, fuzzy
/// matching for words the corpus never uses, synonym phrases, kind filter). Given the documents' vectors, the index
/// also stores each document's meaning, and a request with a vector is a hybrid query: the service ranks by words and
/// by cosine similarity (HNSW) and fuses both by reciprocal rank, as <see cref="LuceneSearchIndex"/> does in memory.
/// </summary>
/// <remarks>
/// Which corpus (and which embedding model) the index holds is recorded in a build document
/// (<see cref="KnowledgeIndexSchema.BuildKey"/>) written after every other document, so one GET tells whether a
/// rebuild is needed and a build that stopped halfway is redone. The index's ETag cannot serve: it changes with the definition, not with the documents. A rebuild updates
/// the index in place (upload, then delete what the corpus no longer has), so searches keep working meanwhile and
/// instances starting together converge on the same content.
/// Failures of the service surface as <see cref="SearchIndexException"/> after the SDK's retry policy is spent.
/// </remarks>
public sealed partial class AzureSearchIndex : ISearchIndex
{
    private const int BatchSize = 1000;
    // As deep as the embedded index fuses: a document second in meaning and tenth in words can still win.
    private const int FusionDepth = 50;

    private readonly SearchIndexClient _indexes;
    private readonly SearchClient _documents;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile Snapshot? _current;

    public AzureSearchIndex(SearchIndexClient indexes, string indexName, ILogger<AzureSearchIndex> logger, TimeProvider? time = null)
    {
        _indexes = indexes;
        _documents = indexes.GetSearchClient(indexName);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        IndexName = indexName;
    }

    public string IndexName { get; }

    /// <inheritdoc />
    /// <exception cref="SearchIndexException">The service failed or rejected a document; the index is left to be rebuilt next time.</exception>
    public async ValueTask<IndexStatus> EnsureCurrentAsync(SearchCorpus corpus, DocumentVectors? vectors = null, CancellationToken cancellationToken = default)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            var started = _time.GetTimestamp();
            // Vectors of another corpus would give documents the wrong meaning: the index then holds words only, as Lucene's does.
            var meaning = vectors is { Dimensions: > 0 } && vectors.ContentHash == corpus.ContentHash ? vectors : null;
            var stamp = KnowledgeIndexSchema.BuildStamp(corpus, meaning);
            var rebuilt = await Call("read the index's build record", StoredBuildAsync, cancellationToken) != stamp;
            if (rebuilt)
            {
                await RebuildAsync(corpus, meaning, stamp, cancellationToken);
            }
            if (_current is not { } current || current.ContentHash != corpus.ContentHash || current.VectorDimensions != meaning?.Dimensions)
            {
                _current = new Snapshot(corpus.ContentHash, new AzureQueryWriter(corpus), meaning?.Dimensions);
            }
            var elapsed = _time.GetElapsedTime(started);
            if (rebuilt)
            {
                LogRebuilt(IndexName, corpus.Documents.Count, corpus.ContentHash, elapsed);
            }
            return new IndexStatus(rebuilt, corpus.Documents.Count, corpus.ContentHash, elapsed);
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException"><see cref="EnsureCurrentAsync"/> has not been called.</exception>
    /// <exception cref="SearchIndexException">The service failed; the caller decides whether to answer without search.</exception>
    public async ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var current = _current ?? throw new InvalidOperationException("The search index has not been built yet: call EnsureCurrentAsync first.");
        if (request.Top <= 0 || current.Query.Write(request.Text) is not { } text)
        {
            return [];
        }
        var options = new SearchOptions
        {
            QueryType = SearchQueryType.Full,
            SearchMode = SearchMode.Any,
            ScoringProfile = KnowledgeIndexSchema.ScoringProfile,
            Filter = KindFilter(request.Kinds),
            Size = request.Top,
        };
        foreach (var field in KnowledgeIndexSchema.ResultFields)
        {
            options.Select.Add(field);
        }
        // A vector of another size (another model) cannot be compared: words only, as the embedded index does.
        if (request.Vector is { } vector && vector.Length == current.VectorDimensions)
        {
            options.VectorSearch = new VectorSearchOptions
            {
                Queries =
                {
                    new VectorizedQuery(vector) { KNearestNeighborsCount = Math.Max(request.Top * 5, FusionDepth), Fields = { Fields.Vector } },
                },
                // The kinds filter narrows the candidates before the nearest are taken, so it never leaves fewer than k.
                FilterMode = VectorFilterMode.PreFilter,
            };
        }

        var response = await Call("search", ct => _documents.SearchAsync<IndexedDocument>(text, options, ct), cancellationToken);
        var hits = new List<SearchHit>(request.Top);
        await foreach (var result in response.Value.GetResultsAsync().WithCancellation(cancellationToken))
        {
            if (result.Document.ToSearchDocument() is { } document)
            {
                hits.Add(new SearchHit(document, (float)(result.Score ?? 0)));
            }
            if (hits.Count == request.Top)
            {
                break;
            }
        }
        return hits;
    }

    /// <summary><c>search.in(kind, 'Fact,Passage', ',')</c>, or no filter when every kind is wanted.</summary>
    internal static string? KindFilter(IReadOnlySet<SearchKind>? kinds) =>
        kinds is { Count: > 0 }
            ? SearchFilter.Create($"search.in(kind, {string.Join(',', kinds.Order())}, {","})")
            : null;

    private async Task<string?> StoredBuildAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = new GetDocumentOptions { SelectedFields = { Fields.Key, Fields.Build } };
            var record = await _documents.GetDocumentAsync<IndexedDocument>(KnowledgeIndexSchema.BuildKey, options, cancellationToken);
            return record.Value.Build;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No index yet, or a build that never finished.
            return null;
        }
    }

    private async Task RebuildAsync(SearchCorpus corpus, DocumentVectors? vectors, string stamp, CancellationToken cancellationToken)
    {
        var synonymMap = KnowledgeIndexSchema.SynonymMap(KnowledgeIndexSchema.SynonymMapName(IndexName), corpus.Synonyms);
        if (synonymMap is not null)
        {
            // The index refers to the map by name, so the map must exist first.
            await Call("update the synonym map", ct => _indexes.CreateOrUpdateSynonymMapAsync(synonymMap, cancellationToken: ct), cancellationToken);
        }
        await CreateOrReplaceIndexAsync(KnowledgeIndexSchema.Index(IndexName, synonymMap?.Name, vectors?.Dimensions), cancellationToken);

        foreach (var chunk in corpus.Documents.Chunk(BatchSize))
        {
            await IndexAsync(IndexDocumentsBatch.Upload(chunk.Select(d => IndexedDocument.From(d, vectors))), "upload documents", cancellationToken);
        }

        var current = corpus.Documents.Select(d => KnowledgeIndexSchema.KeyOf(d.Id)).Append(KnowledgeIndexSchema.BuildKey).ToHashSet(StringComparer.Ordinal);
        var stale = (await ExistingKeysAsync(cancellationToken)).Where(key => !current.Contains(key)).ToList();
        foreach (var chunk in stale.Chunk(BatchSize))
        {
            await IndexAsync(IndexDocumentsBatch.Delete(chunk.Select(key => new IndexedDocument { Key = key })), "delete documents the knowledge no longer has", cancellationToken);
        }

        // Last, so that an interrupted build leaves the old stamp (or none) and is redone.
        await IndexAsync(IndexDocumentsBatch.Upload([IndexedDocument.BuildRecord(stamp)]), "record the build", cancellationToken);
    }

    private Task CreateOrReplaceIndexAsync(Azure.Search.Documents.Indexes.Models.SearchIndex definition, CancellationToken cancellationToken) =>
        Call("create or update the index", async ct =>
        {
            try
            {
                return await _indexes.CreateOrUpdateIndexAsync(definition, cancellationToken: ct);
            }
            catch (RequestFailedException e) when (e.Status == 400)
            {
                // The service refuses to change or drop existing fields (type, analyzer, vector size) in place; the index
                // holds only data derived from the knowledge, so it is replaced. A definition that is wrong fails again, clearly.
                LogReplacingIndex(IndexName, FirstLine(e.Message));
                await _indexes.DeleteIndexAsync(IndexName, ct);
                return await _indexes.CreateIndexAsync(definition, ct);
            }
        }, cancellationToken);

    private async Task IndexAsync(IndexDocumentsBatch<IndexedDocument> batch, string operation, CancellationToken cancellationToken)
    {
        var response = await Call(operation, ct => _documents.IndexDocumentsAsync(batch, cancellationToken: ct), cancellationToken);
        var rejected = response.Value.Results.Where(r => !r.Succeeded).ToList();
        if (rejected.Count == 0)
        {
            return;
        }
        var details = string.Join("; ", rejected.Take(5).Select(r => $"'{KnowledgeIndexSchema.IdOfKey(r.Key) ?? r.Key}' ({r.Status}: {r.ErrorMessage})"));
        var error = new SearchIndexException(
            $"Azure AI Search index '{IndexName}' rejected {rejected.Count} of {response.Value.Results.Count} documents " +
            $"while trying to {operation}: {details}{(rejected.Count > 5 ? "; …" : "")}")
        { Status = rejected[0].Status };
        LogFailure(error, IndexName, operation, error.Status);
        throw error;
    }

    private async Task<List<string>> ExistingKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        while (true)
        {
            var options = new SearchOptions { Size = BatchSize, Skip = keys.Count, OrderBy = { Fields.Key }, Select = { Fields.Key } };
            var page = await Call("list the indexed documents", ct => _documents.SearchAsync<IndexedDocument>("*", options, ct), cancellationToken);
            var before = keys.Count;
            await foreach (var result in page.Value.GetResultsAsync().WithCancellation(cancellationToken))
            {
                keys.Add(result.Document.Key);
            }
            if (keys.Count - before < BatchSize)
            {
                return keys;
            }
        }
    }

    private async Task<T> Call<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw Failure(operation, e);
        }
        catch (AuthenticationFailedException e)
        {
            throw Failure(operation, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Nobody cancelled: the SDK gave up waiting for the service (its network timeout).
            throw Failure(operation, e);
        }
        catch (AggregateException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's retry policy gathers the failures of every try when none of them got a response.
            throw Failure(operation, e);
        }
    }

    private SearchIndexException Failure(string operation, Exception e)
    {
        var (cause, tries) = e is AggregateException { InnerExceptions.Count: > 0 } all
            ? (all.InnerExceptions[^1], $" (after {all.InnerExceptions.Count} tries)")
            : (e, "");
        var status = cause is RequestFailedException { Status: > 0 } failed ? failed.Status : (int?)null;
        var answer = cause switch
        {
            RequestFailedException { Status: > 0 } r => $"HTTP {r.Status}{(string.IsNullOrEmpty(r.ErrorCode) ? "" : $" {r.ErrorCode}")}: {FirstLine(r.Message)}",
            RequestFailedException r => $"no answer from the service{tries}: {FirstLine(r.Message)}",
            AuthenticationFailedException => $"could not authenticate: {FirstLine(cause.Message)}",
            OperationCanceledException => $"no answer in time{tries}: {FirstLine(cause.Message)}",
            _ => FirstLine(cause.Message),
        };
        LogFailure(e, IndexName, operation, status);
        return new SearchIndexException(
            $"Azure AI Search could not {operation} for index '{IndexName}' at {_indexes.Endpoint}: {answer}", e)
        { Status = status };
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt Azure AI Search index {IndexName}: {Count} documents, content {ContentHash}, in {Elapsed}")]
    private partial void LogRebuilt(string indexName, int count, string contentHash, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Search refused to update index {IndexName} in place ({Reason}); deleting and recreating it")]
    private partial void LogReplacingIndex(string indexName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure AI Search index {IndexName}: could not {Operation} (status {Status})")]
    private partial void LogFailure(Exception exception, string indexName, string operation, int? status);

    /// <param name="VectorDimensions">The size of the index's vector field; null when it has none.</param>
    private sealed record Snapshot(string ContentHash, AzureQueryWriter Query, int? VectorDimensions);
}
