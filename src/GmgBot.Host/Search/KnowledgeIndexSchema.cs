using System.Buffers.Text;
using System.Text;
using System.Text.Json.Serialization;
using Azure.Search.Documents.Indexes.Models;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;
using Lucene.Net.Analysis.En;

namespace GmgBot.Host.Search;

/// <summary>
/// How the knowledge corpus is laid out in Azure AI Search: the index definition, its synonym map, and the
/// document shape. The analysis mirrors <see cref="EnglishTextAnalyzer"/> so both providers index the same terms.
/// </summary>
internal static class KnowledgeIndexSchema
{
    /// <summary>Bump when the definition or the document shape changes, so every deployed index is rebuilt once.</summary>
    public const int Version = 4;

    public const string Analyzer = "gmg_english";
    public const string ScoringProfile = "knowledge_fields";
    public const string VectorProfile = "knowledge_meaning";
    public const string VectorAlgorithm = "knowledge_hnsw";

    /// <summary>
    /// Key of the document recording which corpus the index holds. Azure keys allow letters, digits, '-', '_' and '=',
    /// and may not start with '_'; content keys are unpadded base64url, which never contains '=', so this cannot collide.
    /// </summary>
    public const string BuildKey = "index=build";

    private const string PossessiveFilter = "gmg_possessive";
    private const string StopFilter = "gmg_stopwords";
    // The same British/American spelling rules as the embedded analyzer (GmgBot.Core.Search.SpellingVariants).
    private static readonly string[] SpellingFilterNames = [.. SpellingVariants.Rules.Select((_, i) => $"gmg_spelling_{i}")];

    /// <summary>Fields a search returns: everything needed to rebuild a <see cref="SearchDocument"/>.</summary>
    public static IReadOnlyList<string> ResultFields { get; } =
        [Fields.Id, Fields.Kind, Fields.RefId, Fields.Title, Fields.Names, Fields.Body, Fields.Document, Fields.Section];

    /// <summary>Same weights as the embedded index: a name match beats a title match beats a body match.</summary>
    public static IReadOnlyDictionary<string, double> FieldWeights { get; } =
        new Dictionary<string, double> { [Fields.Names] = 3, [Fields.Title] = 2, [Fields.Body] = 1 };

    public static string SynonymMapName(string indexName) => $"{indexName}-synonyms";

    /// <summary>
    /// The stamp stored with a build: the schema version that shaped its documents, the corpus hash and, when the
    /// documents carry vectors, the model and dimensions that made them, so a new model rebuilds the index.
    /// </summary>
    public static string BuildStamp(SearchCorpus corpus, DocumentVectors? vectors) =>
        vectors is null ? $"{Version}:{corpus.ContentHash}" : $"{Version}:{corpus.ContentHash}:{vectors.ModelId}:{vectors.Dimensions}";

    /// <param name="vectorDimensions">With a value, the index has a vector field of that size searched by cosine (HNSW); without, none at all.</param>
    public static SearchIndex Index(string name, string? synonymMap, int? vectorDimensions = null)
    {
        var index = new SearchIndex(name)
        {
            Fields =
            {
                new SimpleField(Fields.Key, SearchFieldDataType.String) { IsKey = true, IsSortable = true },
                new SimpleField(Fields.Id, SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField(Fields.Kind, SearchFieldDataType.String) { IsFilterable = true, IsFacetable = true },
                new SimpleField(Fields.RefId, SearchFieldDataType.String) { IsFilterable = true },
                Searchable(Fields.Title, collection: false, synonymMap),
                Searchable(Fields.Names, collection: true, synonymMap),
                Searchable(Fields.Body, collection: false, synonymMap),
                new SimpleField(Fields.Document, SearchFieldDataType.String) { IsFilterable = true },
                new SimpleField(Fields.Section, SearchFieldDataType.String),
                new SimpleField(Fields.Build, SearchFieldDataType.String),
            },
            // en.lucene is this chain without accent folding; names like "Malmström" must match "Malmstrom" as they do locally.
            Analyzers =
            {
                new CustomAnalyzer(Analyzer, LexicalTokenizerName.Standard)
                {
                    TokenFilters = { PossessiveFilter, TokenFilterName.Lowercase, TokenFilterName.AsciiFolding },
                },
            },
            TokenFilters =
            {
                new StemmerTokenFilter(PossessiveFilter, StemmerTokenFilterLanguage.PossessiveEnglish),
                EnglishStopWords(),
            },
            ScoringProfiles = { new ScoringProfile(ScoringProfile) { TextWeights = new TextWeights(FieldWeights.ToDictionary()) } },
            DefaultScoringProfile = ScoringProfile,
            Similarity = new BM25Similarity(),
        };
        if (vectorDimensions is { } dimensions)
        {
            // Not retrievable: answers are built from the text fields, and each vector is hundreds of numbers.
            index.Fields.Add(new VectorSearchField(Fields.Vector, dimensions, VectorProfile) { IsHidden = true });
            index.VectorSearch = new VectorSearch
            {
                Algorithms = { new HnswAlgorithmConfiguration(VectorAlgorithm) { Parameters = new HnswParameters { Metric = VectorSearchAlgorithmMetric.Cosine } } },
                Profiles = { new VectorSearchProfile(VectorProfile, VectorAlgorithm) },
            };
        }
        var analyzer = (CustomAnalyzer)index.Analyzers[0];
        foreach (var filter in SpellingFilterNames)
        {
            analyzer.TokenFilters.Add(filter);
        }
        analyzer.TokenFilters.Add(StopFilter);
        analyzer.TokenFilters.Add(TokenFilterName.PorterStem);
        foreach (var (rule, i) in SpellingVariants.Rules.Select((rule, i) => (rule, i)))
        {
            index.TokenFilters.Add(new PatternReplaceTokenFilter(SpellingFilterNames[i], rule.Pattern, rule.Replacement));
        }
        return index;
    }

    /// <summary>The corpus' synonym groups in Solr format, one equivalence line per group; null when there are none.</summary>
    public static SynonymMap? SynonymMap(string name, IReadOnlyList<SynonymGroup> groups)
    {
        var lines = groups
            .Select(g => string.Join(", ", g.Phrases.Select(SolrPhrase).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)))
            .Where(line => line.Contains(", ", StringComparison.Ordinal))
            .ToList();
        return lines.Count == 0 ? null : new SynonymMap(name, string.Join('\n', lines));
    }

    public static string KeyOf(string documentId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(documentId));

    public static string? IdOfKey(string key)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(key));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Lucene's own English stop set, so a stop word is dropped on both sides or on neither.
    private static StopwordsTokenFilter EnglishStopWords()
    {
        var filter = new StopwordsTokenFilter(StopFilter);
        foreach (var word in EnglishAnalyzer.DefaultStopSet.Order(StringComparer.Ordinal))
        {
            filter.Stopwords.Add(word);
        }
        return filter;
    }

    private static SearchableField Searchable(string name, bool collection, string? synonymMap)
    {
        var field = new SearchableField(name, collection) { AnalyzerName = Analyzer };
        if (synonymMap is not null)
        {
            field.SynonymMapNames.Add(synonymMap);
        }
        return field;
    }

    // Solr rules separate phrases with ',' and map with '=>'; a phrase carrying either must not be read as syntax.
    private static string SolrPhrase(string phrase) =>
        string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace(",", @"\,", StringComparison.Ordinal)
            .Replace("=>", @"=\>", StringComparison.Ordinal);

    public static class Fields
    {
        public const string Key = "key";
        public const string Id = "id";
        public const string Kind = "kind";
        public const string RefId = "refId";
        public const string Title = "title";
        public const string Names = "names";
        public const string Body = "body";
        public const string Document = "document";
        public const string Section = "section";
        public const string Build = "build";
        public const string Vector = "vector";
    }
}

/// <summary>A corpus document (or the build record) as stored in the Azure index.</summary>
internal sealed record IndexedDocument
{
    // Not required: searches select only what a SearchDocument needs.
    [JsonPropertyName(KnowledgeIndexSchema.Fields.Key)]
    public string Key { get; init; } = "";

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Id)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Kind)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.RefId)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefId { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Title)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Names)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Names { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Body)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Document)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Document { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Section)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Section { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Build)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Build { get; init; }

    [JsonPropertyName(KnowledgeIndexSchema.Fields.Vector)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReadOnlyMemory<float>? Vector { get; init; }

    public static IndexedDocument From(SearchDocument d, DocumentVectors? vectors) => new()
    {
        Key = KnowledgeIndexSchema.KeyOf(d.Id),
        Id = d.Id,
        Kind = d.Kind.ToString(),
        RefId = d.RefId,
        Title = d.Title,
        Names = d.Names,
        Body = d.Body,
        Document = d.Source.Document,
        Section = d.Source.Section,
        Vector = vectors?.VectorOf(d.Id),
    };

    public static IndexedDocument BuildRecord(string stamp) => new() { Key = KnowledgeIndexSchema.BuildKey, Build = stamp };

    /// <summary>The corpus document this stored one was made from; null for anything else (the build record).</summary>
    public SearchDocument? ToSearchDocument() =>
        Id is not null && Enum.TryParse<SearchKind>(Kind, ignoreCase: false, out var kind) && Document is not null && Section is not null
            ? new SearchDocument(Id, kind, RefId ?? "", Title ?? "", Names ?? [], Body ?? "", new SourceRef { Document = Document, Section = Section })
            : null;
}
