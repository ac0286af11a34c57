using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace GmgBot.Core.Search;

/// <summary>
/// The embedded index: Lucene with BM25 and English analysis, persisted in a folder and rebuilt
/// only when the knowledge's content hash differs from the one stored with the last commit. With the documents'
/// vectors, a request that carries its own vector is ranked by words (BM25) and meaning (cosine) fused.
/// </summary>
public sealed class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const string HashKey = "contentHash";
    // Bumped whenever the fields change, so an index written by an older version is rebuilt even for the same knowledge.
    private const int SchemaVersion = 4;
    private const double CommonShare = 0.1;
    private const int FusionDepth = 50;
    private static readonly (string Field, float Boost)[] Fields = [("names", 3f), ("title", 2f), ("body", 1f)];

    private readonly LuceneDirectory _directory;
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private readonly TimeProvider _time;
    private volatile Snapshot? _current;

    /// <param name="path">Folder for the index; null keeps it in memory (tests, benchmarks).</param>
    public LuceneSearchIndex(string? path, TimeProvider? time = null)
    {
        _directory = path is null ? new RAMDirectory() : FSDirectory.Open(path);
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<IndexStatus> EnsureCurrentAsync(SearchCorpus corpus, DocumentVectors? vectors = null, CancellationToken cancellationToken = default)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            var started = _time.GetTimestamp();
            var rebuilt = StoredHash() != Stamp(corpus);
            if (rebuilt)
            {
                Write(corpus);
            }
            if (rebuilt || _current?.Corpus.ContentHash != corpus.ContentHash || _current.Vectors != vectors)
            {
                Swap(new Snapshot(DirectoryReader.Open(_directory), corpus, vectors?.ContentHash == corpus.ContentHash ? vectors : null));
            }
            return new IndexStatus(rebuilt, corpus.Documents.Count, corpus.ContentHash, _time.GetElapsedTime(started));
        }
        finally
        {
            _rebuild.Release();
        }
    }

    public ValueTask<IReadOnlyList<SearchHit>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var snapshot = Acquire();
        try
        {
            var plan = QueryPlan.Create(request.Text, snapshot.Synonyms);
            if (plan.IsEmpty)
            {
                return ValueTask.FromResult<IReadOnlyList<SearchHit>>([]);
            }
            var query = BuildQuery(plan, request.Kinds, snapshot);
            var hybrid = request.Vector is { } vector && snapshot.Vectors is { } vectors && vector.Length == vectors.Dimensions;
            // Fusion ranks from deeper lists than the answer needs: a document second in meaning and tenth in words can win.
            var depth = hybrid ? Math.Max(request.Top * 5, FusionDepth) : request.Top;
            // An in-order collector makes Lucene score doc-at-a-time; the out-of-order BooleanScorer allocates a
            // 2,048-bucket table per query, which dominated the cost of answering on this small index.
            var collector = TopScoreDocCollector.Create(depth, docsScoredInOrder: true);
            snapshot.Searcher.Search(query, collector);
            IReadOnlyList<SearchHit> hits = [.. collector.GetTopDocs().ScoreDocs.Select(d => new SearchHit(snapshot.Document(d.Doc), d.Score))];
            if (hybrid)
            {
                var byMeaning = snapshot.Vectors!.Nearest(request.Vector!.Value.Span, depth,
                    request.Kinds is { Count: > 0 } kinds ? id => kinds.Contains(snapshot.Kind(id)) : null);
                hits = ReciprocalRankFusion.Fuse(hits, [.. byMeaning.Select(m => snapshot.ById(m.Id))], request.Top);
            }
            return ValueTask.FromResult<IReadOnlyList<SearchHit>>([.. hits.Take(request.Top)]);
        }
        finally
        {
            snapshot.Reader.DecRef();
        }
    }

    public void Dispose()
    {
        _current?.Reader.DecRef();
        _directory.Dispose();
        _rebuild.Dispose();
    }

    private static Query BuildQuery(QueryPlan plan, IReadOnlySet<SearchKind>? kinds, Snapshot snapshot)
    {
        var documentFrequency = snapshot.DocumentFrequency;
        var documents = snapshot.Corpus.Documents.Count;
        // Terms in a large share of the documents ("ILO", "migration") hardly move BM25's ranking but each costs a
        // lookup per field: they are left out while at least two rarer terms carry the query.
        var rare = plan.Terms.Where(t => documentFrequency.GetValueOrDefault(t) <= documents * CommonShare).ToList();
        var terms = rare.Count >= 2 ? rare : plan.Terms;
        var should = new BooleanQuery();
        foreach (var term in terms)
        {
            foreach (var (field, boost) in Fields)
            {
                should.Add(snapshot.TermQuery(field, term, boost), Occur.SHOULD);
            }
            // A term the index has never seen is most likely a misspelt name: match it loosely.
            if (!documentFrequency.ContainsKey(term) && QueryPlan.FuzzyEdits(term) is { } edits)
            {
                foreach (var (field, boost) in Fields)
                {
                    should.Add(new FuzzyQuery(new Term(field, term), edits, prefixLength: 1) { Boost = boost * 0.8f }, Occur.SHOULD);
                }
            }
        }
        foreach (var phrase in plan.Expansions)
        {
            foreach (var (field, boost) in Fields)
            {
                should.Add(Phrase(field, phrase, boost * 0.7f), Occur.SHOULD);
            }
        }
        if (kinds is null || kinds.Count == 0)
        {
            return should;
        }
        var kindFilter = new BooleanQuery();
        foreach (var kind in kinds)
        {
            kindFilter.Add(new TermQuery(new Term("kind", kind.ToString())), Occur.SHOULD);
        }
        return new BooleanQuery { { should, Occur.MUST }, { kindFilter, Occur.MUST } };
    }

    // A synonym phrase as "all its words in the field": far cheaper than a sloppy phrase (no positions), and the
    // phrases are names ("Swiss Agency for Development and Cooperation") whose words rarely occur apart.
    private static Query Phrase(string field, IReadOnlyList<string> terms, float boost)
    {
        if (terms.Count == 1)
        {
            return new TermQuery(new Term(field, terms[0])) { Boost = boost };
        }
        var all = new BooleanQuery { Boost = boost };
        foreach (var term in terms)
        {
            all.Add(new TermQuery(new Term(field, term)), Occur.MUST);
        }
        return all;
    }

    private static string Stamp(SearchCorpus corpus) => $"{SchemaVersion}:{corpus.ContentHash}";

    private string? StoredHash()
    {
        if (!DirectoryReader.IndexExists(_directory))
        {
            return null;
        }
        using var reader = DirectoryReader.Open(_directory);
        return reader.IndexCommit.UserData.TryGetValue(HashKey, out var hash) ? hash : null;
    }

    private static readonly TimeSpan WriteLockWait = TimeSpan.FromSeconds(60);

    private void Write(SearchCorpus corpus)
    {
        var config = new IndexWriterConfig(EnglishTextAnalyzer.Version, new EnglishTextAnalyzer())
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            // Another instance on the same folder may be writing this very index: wait for it rather than fail the start.
            WriteLockTimeout = (long)WriteLockWait.TotalMilliseconds,
        };
        using var writer = new IndexWriter(_directory, config);
        if (StoredHash() == Stamp(corpus))
        {
            // It was: nothing to write (CREATE erases only on commit, so rolling back leaves its index as it is).
            writer.Rollback();
            return;
        }
        foreach (var (d, ordinal) in corpus.Documents.Select((d, i) => (d, i)))
        {
            writer.AddDocument(new Document
            {
                new StringField("id", d.Id, Field.Store.YES),
                // The corpus position, read back per hit without touching stored fields; the corpus order is fixed by its hash.
                new NumericDocValuesField("ordinal", ordinal),
                new StringField("kind", d.Kind.ToString(), Field.Store.NO),
                new TextField("title", d.Title, Field.Store.NO),
                new TextField("names", string.Join(" | ", d.Names), Field.Store.NO),
                new TextField("body", d.Body, Field.Store.NO),
            });
        }
        // The knowledge is small and read far more than written: one segment makes every query cheaper.
        writer.ForceMerge(1);
        writer.SetCommitData(new Dictionary<string, string> { [HashKey] = Stamp(corpus) });
        writer.Commit();
    }

    private void Swap(Snapshot next)
    {
        var previous = _current;
        _current = next;
        // Searches in flight hold their own reference; the reader closes when the last one lets go.
        previous?.Reader.DecRef();
    }

    private Snapshot Acquire()
    {
        while (true)
        {
            var snapshot = _current ?? throw new InvalidOperationException("The search index has not been built yet: call EnsureCurrentAsync first.");
            if (snapshot.Reader.TryIncRef())
            {
                return snapshot;
            }
        }
    }

    private sealed class Snapshot
    {
        private readonly Dictionary<string, SearchDocument> _byId;

        public Snapshot(DirectoryReader reader, SearchCorpus corpus, DocumentVectors? vectors)
        {
            Reader = reader;
            Corpus = corpus;
            Vectors = vectors;
            _byId = corpus.Documents.ToDictionary(d => d.Id);
            Searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
            _ordinals = MultiDocValues.GetNumericValues(reader, "ordinal");
            Synonyms = new AnalyzedSynonyms(corpus.Synonyms);
        }

        public DirectoryReader Reader { get; }
        public SearchCorpus Corpus { get; }
        public DocumentVectors? Vectors { get; }

        public SearchDocument ById(string id) => _byId[id];

        public SearchKind Kind(string id) => _byId[id].Kind;
        public IndexSearcher Searcher { get; }
        private readonly NumericDocValues _ordinals;

        // In memory, so deciding whether a term is known, or common, costs a hash lookup, not a terms-dictionary seek.
        public IReadOnlyDictionary<string, int> DocumentFrequency => Corpus.DocumentFrequency;

        // Where each known term sits in the terms dictionary, looked up once per snapshot instead of per query.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Field, string Term), TermContext> _contexts = new();

        public TermQuery TermQuery(string field, string term, float boost)
        {
            var t = new Term(field, term);
            if (!DocumentFrequency.ContainsKey(term))
            {
                return new TermQuery(t) { Boost = boost };
            }
            var context = _contexts.GetOrAdd((field, term), _ => TermContext.Build(Reader.Context, t));
            return new TermQuery(t, context) { Boost = boost };
        }

        public SearchDocument Document(int luceneDoc) => Corpus.Documents[(int)_ordinals.Get(luceneDoc)];
        public AnalyzedSynonyms Synonyms { get; }
    }
}
