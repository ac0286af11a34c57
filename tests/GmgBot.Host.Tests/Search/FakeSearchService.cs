using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace GmgBot.Host.Tests.Search;

/// <summary>
/// A local stand-in for an Azure AI Search service (REST API 2023-11-01, the version Azure.Search.Documents 11.5
/// speaks), served over HTTPS by a <see cref="LocalServer"/> with a throw-away certificate, because the SDK refuses
/// plain http. It keeps indexes, synonym maps and documents in memory, checks what the real service checks where a
/// mistake would otherwise go unnoticed (api-key, api-version, document keys, fields the schema lacks, references
/// to missing synonym maps, analyzers or vector profiles, in-place field changes, vector sizes), answers with the
/// service's response shapes, records every request, and fails requests on demand.
/// Text relevance is the test's <see cref="Ranking"/>; vector queries are answered for real, by cosine similarity
/// over the stored vectors, and fused with the text results by reciprocal rank as the service fuses hybrid queries.
/// Filters are evaluated; the stand-in understands the one form the adapter writes, <c>search.in(field, 'a,b', ',')</c>.
/// </summary>
internal sealed partial class FakeSearchService : IAsyncDisposable
{
    public const string ApiVersion = "2023-11-01";
    public const string ApiKey = "fake-admin-key";

    private static readonly Lazy<X509Certificate2> Certificate = new(LocalServer.CreateSelfSignedCertificate);
    private static readonly HashSet<string> BuiltInTokenFilters = ["lowercase", "asciifolding", "porter_stem", "stopwords", "uppercase", "trim", "unique"];
    private static readonly HashSet<string> BuiltInAnalyzers = ["standard.lucene", "en.lucene", "en.microsoft", "keyword", "simple", "standardasciifolding.lucene"];
    private const string VectorType = "Collection(Edm.Single)";
    // Vector sizes API 2023-11-01 accepts.
    private const int MinDimensions = 2;
    private const int MaxDimensions = 2048;
    // How deep the service reads the text results of a hybrid query before fusing them, and its fusion constant.
    private const int HybridTextDepth = 50;
    private const int FusionK = 60;

    private readonly LocalServer _server;
    private readonly Lock _gate = new();
    private readonly List<Trigger> _failures = [];
    private readonly List<Trigger> _stalls = [];
    private readonly Dictionary<string, JsonObject> _indexes = [];
    private readonly Dictionary<string, JsonObject> _synonymMaps = [];
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _documents = [];

    private FakeSearchService(LocalServer server) => _server = server;

    public Uri Endpoint => _server.BaseAddress;

    /// <summary>Which stored documents a text search returns, best first; the default returns none.</summary>
    public Func<JsonObject, IEnumerable<(string Key, double Score)>> Ranking { get; set; } = _ => [];

    /// <summary>An error message for a document the service should refuse, or null to accept it.</summary>
    public Func<JsonObject, string?> Rejects { get; set; } = _ => null;

    public IReadOnlyList<JsonRequest> Requests => [.. _server.Requests.Select(JsonRequest.From)];

    public static async Task<FakeSearchService> StartAsync()
    {
        FakeSearchService? service = null;
        var server = await LocalServer.StartAsync((context, request) => service!.RespondAsync(context, JsonRequest.From(request)), Certificate.Value);
        return service = new FakeSearchService(server);
    }

    /// <summary>Client options that trust this service's certificate and retry after a millisecond, not seconds.</summary>
    public static SearchClientOptions ClientOptions(TimeSpan? networkTimeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate.Value.GetCertHashString(),
            },
        };
        var options = new SearchClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(30);
        return options;
    }

    /// <summary>Answers the next <paramref name="times"/> requests whose method and path match with <paramref name="status"/>.</summary>
    public void Fail(string method, string pathPattern, HttpStatusCode status, int times = 1)
    {
        lock (_gate)
        {
            _failures.Add(new Trigger(method, pathPattern, times) { Status = (int)status });
        }
    }

    /// <summary>Holds the next <paramref name="times"/> matching requests for <paramref name="delay"/> before answering.</summary>
    public void Stall(string method, string pathPattern, TimeSpan delay, int times = 1)
    {
        lock (_gate)
        {
            _stalls.Add(new Trigger(method, pathPattern, times) { Delay = delay });
        }
    }

    public JsonObject? Index(string name)
    {
        lock (_gate)
        {
            return _indexes.GetValueOrDefault(name)?.DeepClone().AsObject();
        }
    }

    public JsonObject? SynonymMap(string name)
    {
        lock (_gate)
        {
            return _synonymMaps.GetValueOrDefault(name)?.DeepClone().AsObject();
        }
    }

    public IReadOnlyDictionary<string, JsonObject> Documents(string index)
    {
        lock (_gate)
        {
            return _documents.TryGetValue(index, out var documents)
                ? documents.ToDictionary(d => d.Key, d => d.Value.DeepClone().AsObject())
                : new Dictionary<string, JsonObject>();
        }
    }

    /// <summary>Puts an index in place as if someone had created it earlier.</summary>
    public void Seed(JsonObject index)
    {
        lock (_gate)
        {
            var name = index["name"]!.GetValue<string>();
            _indexes[name] = index;
            _documents[name] = new(StringComparer.Ordinal);
        }
    }

    public void ClearRequests() => _server.ClearRequests();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RespondAsync(HttpContext context, JsonRequest request)
    {
        Reply reply;
        Trigger? stall;
        lock (_gate)
        {
            stall = Take(_stalls, request);
            reply = Answer(request);
        }
        if (stall is not null)
        {
            try
            {
                await Task.Delay(stall.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var response = context.Response;
        response.StatusCode = reply.Status;
        response.Headers["request-id"] = Guid.NewGuid().ToString();
        response.Headers["elapsed-time"] = "3";
        if (reply.Body is not null)
        {
            response.Headers["OData-Version"] = "4.0";
            response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
            await response.WriteAsync(reply.Body.ToJsonString());
        }
    }

    private Reply Answer(JsonRequest request)
    {
        if (Take(_failures, request) is { } failure)
        {
            return Error(failure.Status, failure.Status == 503
                ? "Service is temporarily unavailable, please try again later."
                : $"Failure injected for {request.Method} {request.Path}.");
        }
        if (!request.Headers.TryGetValue("api-key", out var key) || key != ApiKey)
        {
            return Error(403, "Authorization failed: the api-key header is missing or wrong.");
        }
        if (request.Query.GetValueOrDefault("api-version") != ApiVersion)
        {
            return Error(400, $"Invalid or missing api-version query string parameter; this service speaks {ApiVersion}.");
        }

        if (SynonymMapPath().Match(request.Path) is { Success: true } synonymPath && request.Method == "PUT")
        {
            return PutSynonymMap(synonymPath.Groups[1].Value, request.Body!.AsObject());
        }
        if (request.Path == "/indexes" && request.Method == "POST")
        {
            var name = request.Body!["name"]!.GetValue<string>();
            return _indexes.ContainsKey(name) ? Error(400, $"Cannot create index '{name}' because it already exists.") : PutIndex(name, request.Body.AsObject());
        }
        if (IndexPath().Match(request.Path) is { Success: true } indexPath)
        {
            var name = indexPath.Groups[1].Value;
            return request.Method switch
            {
                "PUT" => PutIndex(name, request.Body!.AsObject()),
                "GET" => _indexes.TryGetValue(name, out var index) ? new Reply(200, Entity("indexes", index)) : IndexNotFound(name),
                "DELETE" => _indexes.Remove(name) && _documents.Remove(name) ? new Reply(204, null) : IndexNotFound(name),
                _ => Error(405, "Method not allowed."),
            };
        }
        if (DocumentsPath().Match(request.Path) is { Success: true } documentsPath)
        {
            var name = documentsPath.Groups[1].Value;
            if (!_indexes.TryGetValue(name, out var index))
            {
                return IndexNotFound(name);
            }
            var documents = _documents[name];
            return (request.Method, documentsPath.Groups[2].Value) switch
            {
                ("GET", var lookup) when DocumentKey().Match(lookup) is { Success: true } k =>
                    documents.TryGetValue(k.Groups[1].Value, out var document)
                        ? new Reply(200, Selected(index, document, request.Query.GetValueOrDefault("$select")?.Split(',')))
                        : new Reply(404, null),
                ("POST", "/search.index") => IndexDocuments(index, documents, request.Body!["value"]!.AsArray()),
                ("POST", "/search.post.search") => Search(index, documents, request.Body!.AsObject()),
                _ => Error(404, $"No route for {request.Method} {request.Path}."),
            };
        }
        return Error(404, $"No route for {request.Method} {request.Path}.");
    }

    private static Trigger? Take(List<Trigger> candidates, JsonRequest request)
    {
        var match = candidates.FirstOrDefault(f => f.Remaining > 0 && f.Method == request.Method && f.Path.IsMatch(request.Path));
        if (match is not null)
        {
            match.Remaining--;
        }
        return match;
    }

    private Reply PutSynonymMap(string name, JsonObject definition)
    {
        if (definition["format"]?.GetValue<string>() != "solr" || definition["name"]?.GetValue<string>() != name)
        {
            return Error(400, "The synonym map must name itself and use the 'solr' format.");
        }
        var created = !_synonymMaps.ContainsKey(name);
        _synonymMaps[name] = definition.DeepClone().AsObject();
        return new Reply(created ? 201 : 200, Entity("synonymmaps", definition));
    }

    private Reply PutIndex(string name, JsonObject definition)
    {
        var fields = definition["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        if (fields.Count(f => f["key"]?.GetValue<bool>() == true) != 1)
        {
            return Error(400, "The index must have exactly one key field.");
        }
        var analyzers = definition["analyzers"]?.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToHashSet() ?? [];
        var tokenFilters = definition["tokenFilters"]?.AsArray().Select(a => a!["name"]!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var analyzer in definition["analyzers"]?.AsArray() ?? [])
        {
            if (analyzer!["tokenFilters"]?.AsArray().Select(f => f!.GetValue<string>()).FirstOrDefault(f => !tokenFilters.Contains(f) && !BuiltInTokenFilters.Contains(f)) is { } missing)
            {
                return Error(400, $"The custom analyzer '{analyzer["name"]}' refers to an undefined token filter '{missing}'.");
            }
        }
        if (VectorSearchError(definition, fields) is { } vectorError)
        {
            return Error(400, vectorError);
        }
        foreach (var field in fields)
        {
            if (field["analyzer"]?.GetValue<string>() is { } analyzer && !analyzers.Contains(analyzer) && !BuiltInAnalyzers.Contains(analyzer))
            {
                return Error(400, $"The field '{field["name"]}' refers to an undefined analyzer '{analyzer}'.");
            }
            foreach (var map in field["synonymMaps"]?.AsArray() ?? [])
            {
                if (!_synonymMaps.ContainsKey(map!.GetValue<string>()))
                {
                    return Error(400, $"Synonym map '{map}' referenced by field '{field["name"]}' was not found.");
                }
            }
        }
        if (_indexes.TryGetValue(name, out var existing))
        {
            foreach (var old in existing["fields"]!.AsArray())
            {
                var replacement = fields.FirstOrDefault(f => f["name"]!.GetValue<string>() == old!["name"]!.GetValue<string>());
                if (replacement is null || !SameField(old!.AsObject(), replacement))
                {
                    return Error(400, $"Existing field '{old!["name"]}' cannot be changed.");
                }
            }
        }
        var created = existing is null;
        _indexes[name] = definition.DeepClone().AsObject();
        if (created)
        {
            _documents[name] = new(StringComparer.Ordinal);
        }
        return new Reply(created ? 201 : 200, Entity("indexes", definition));
    }

    // The service's rules for vector fields: a size it supports, searchable and nothing else, a profile whose algorithm
    // exists. This stand-in ranks by cosine only, and says so rather than rank by another metric wrongly.
    private static string? VectorSearchError(JsonObject definition, List<JsonObject> fields)
    {
        var algorithms = definition["vectorSearch"]?["algorithms"]?.AsArray().ToDictionary(a => a!["name"]!.GetValue<string>(), a => a!.AsObject()) ?? [];
        var profiles = definition["vectorSearch"]?["profiles"]?.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["algorithm"]?.GetValue<string>()) ?? [];
        foreach (var (name, algorithm) in algorithms)
        {
            var kind = algorithm["kind"]?.GetValue<string>();
            var metric = (kind == "hnsw" ? algorithm["hnswParameters"] : algorithm["exhaustiveKnnParameters"])?["metric"]?.GetValue<string>() ?? "cosine";
            if (kind is not ("hnsw" or "exhaustiveKnn"))
            {
                return $"The vector search algorithm '{name}' has an unknown kind '{kind}'.";
            }
            if (metric != "cosine")
            {
                return $"This stand-in ranks vectors by cosine only; algorithm '{name}' asks for '{metric}'.";
            }
        }
        foreach (var (name, algorithm) in profiles)
        {
            if (algorithm is null || !algorithms.ContainsKey(algorithm))
            {
                return $"The vector search profile '{name}' refers to an undefined algorithm '{algorithm}'.";
            }
        }
        foreach (var field in fields.Where(f => f["type"]?.GetValue<string>() == VectorType))
        {
            var name = field["name"]!.GetValue<string>();
            if (field["dimensions"] is null || field["vectorSearchProfile"] is null)
            {
                return $"The vector field '{name}' must have the properties 'dimensions' and 'vectorSearchProfile' set.";
            }
            if (field["dimensions"]!.GetValue<int>() is < MinDimensions or > MaxDimensions)
            {
                return $"The vector field '{name}' must have between {MinDimensions} and {MaxDimensions} dimensions.";
            }
            if (field["searchable"]?.GetValue<bool>() != true || new[] { "filterable", "sortable", "facetable", "key" }.Any(f => field[f]?.GetValue<bool>() == true))
            {
                return $"The vector field '{name}' must be searchable, and cannot be filterable, sortable, facetable or a key.";
            }
            if (!profiles.ContainsKey(field["vectorSearchProfile"]!.GetValue<string>()))
            {
                return $"The vector search profile '{field["vectorSearchProfile"]}' referenced by field '{name}' was not found.";
            }
        }
        return null;
    }

    // Synonym maps may be attached to or removed from an existing field; anything else about it is fixed.
    private static bool SameField(JsonObject old, JsonObject replacement)
    {
        static JsonObject WithoutSynonyms(JsonObject field)
        {
            var copy = field.DeepClone().AsObject();
            copy.Remove("synonymMaps");
            return copy;
        }
        return JsonNode.DeepEquals(WithoutSynonyms(old), WithoutSynonyms(replacement));
    }

    private Reply IndexDocuments(JsonObject index, SortedDictionary<string, JsonObject> documents, JsonArray actions)
    {
        var fields = index["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToHashSet();
        var keyField = index["fields"]!.AsArray().Single(f => f!["key"]?.GetValue<bool>() == true)!["name"]!.GetValue<string>();
        if (actions.Count > 1000)
        {
            return Error(413, "The request is too large: at most 1000 documents per batch.");
        }
        var vectorFields = VectorFields(index);
        foreach (var action in actions)
        {
            if (action!.AsObject().Select(p => p.Key).FirstOrDefault(p => p != "@search.action" && !fields.Contains(p)) is { } unknown)
            {
                return Error(400, $"The request is invalid. Details: The property '{unknown}' does not exist on type 'search.documentFields'.");
            }
            foreach (var (field, dimensions) in vectorFields)
            {
                if (action[field] is JsonArray vector && vector.Count != dimensions)
                {
                    return Error(400, DimensionMismatch(field, dimensions, vector.Count));
                }
            }
        }

        var results = new JsonArray();
        foreach (var action in actions.Select(a => a!.AsObject()))
        {
            var key = action[keyField]?.GetValue<string>() ?? "";
            var document = action.DeepClone().AsObject();
            document.Remove("@search.action");
            var (status, error) = ValidKey(key) is { } invalid ? (400, invalid) : Rejects(document) is { } rejected ? (400, rejected) : (0, null);
            if (error is null)
            {
                switch (action["@search.action"]?.GetValue<string>() ?? "upload")
                {
                    case "upload":
                        status = documents.ContainsKey(key) ? 200 : 201;
                        documents[key] = document;
                        break;
                    case "mergeOrUpload":
                        status = documents.ContainsKey(key) ? 200 : 201;
                        documents[key] = Merge(documents.GetValueOrDefault(key), document);
                        break;
                    case "delete":
                        status = 200;
                        documents.Remove(key);
                        break;
                    default:
                        (status, error) = (400, $"Unsupported action '{action["@search.action"]}'.");
                        break;
                }
            }
            results.Add(new JsonObject { ["key"] = key, ["status"] = error is null, ["errorMessage"] = error, ["statusCode"] = status });
        }
        var allSucceeded = results.All(r => r!["status"]!.GetValue<bool>());
        return new Reply(allSucceeded ? 200 : 207, new JsonObject { ["value"] = results });
    }

    private Reply Search(JsonObject index, SortedDictionary<string, JsonObject> documents, JsonObject query)
    {
        var select = query["select"]?.GetValue<string>().Split(',');
        var top = query["top"]?.GetValue<int>() ?? 50;
        var skip = query["skip"]?.GetValue<int>() ?? 0;
        var filter = query["filter"]?.GetValue<string>();
        Func<JsonObject, bool> passes = _ => true;
        if (filter is not null)
        {
            if (SearchIn().Match(filter) is not { Success: true } searchIn)
            {
                return Error(400, $"Invalid expression: this stand-in understands only search.in(field, 'values', ','); got '{filter}'.");
            }
            var field = searchIn.Groups[1].Value;
            var values = searchIn.Groups[2].Value.Split(',').ToHashSet();
            passes = d => d[field]?.GetValue<string>() is { } value && values.Contains(value);
        }

        IEnumerable<(string Key, double Score)> matches = query["search"]?.GetValue<string>() is "*" && filter is null
            ? documents.Keys.Select(k => (k, 1.0))
            : Ranking(query).Where(m => documents.TryGetValue(m.Key, out var d) && passes(d));
        if (query["vectorQueries"] is JsonArray vectorQueries)
        {
            var rankings = new List<IReadOnlyList<string>> { matches.Take(HybridTextDepth).Select(m => m.Key).ToList() };
            foreach (var vectorQuery in vectorQueries.Select(q => q!.AsObject()))
            {
                if (VectorQueryError(index, vectorQuery) is { } error)
                {
                    return Error(400, error);
                }
                rankings.Add(Nearest(documents, vectorQuery, passes));
            }
            matches = Fuse(rankings);
        }

        var value = new JsonArray();
        foreach (var (key, score) in matches.Skip(skip).Take(top))
        {
            if (documents.TryGetValue(key, out var document))
            {
                var result = Selected(index, document, select);
                result.Insert(0, "@search.score", score);
                value.Add(result);
            }
        }
        return new Reply(200, new JsonObject { ["@odata.context"] = $"{Endpoint}indexes('x')/$metadata#docs(*)", ["value"] = value });
    }

    /// <summary>Why the service would refuse a vector query, or null when it is one it answers.</summary>
    private static string? VectorQueryError(JsonObject index, JsonObject vectorQuery)
    {
        var vectorFields = VectorFields(index);
        var fields = Names(vectorQuery["fields"]);
        var length = vectorQuery["vector"]?.AsArray().Count;
        if (vectorQuery["kind"]?.GetValue<string>() != "vector" || length is null)
        {
            return $"The vector query kind '{vectorQuery["kind"]}' is not supported here; use 'vector' with a vector value.";
        }
        if (fields.Count == 0 || fields.Any(f => !vectorFields.ContainsKey(f)))
        {
            return $"The vector query's fields '{string.Join(',', fields)}' are not all vector fields of the index.";
        }
        if (fields.FirstOrDefault(f => vectorFields[f] != length) is { } mismatched)
        {
            return DimensionMismatch(mismatched, vectorFields[mismatched], length.Value);
        }
        return vectorQuery["k"]?.GetValue<int>() is > 0 ? null : "The vector query must ask for k > 0 nearest neighbors.";
    }

    /// <summary>The k stored documents, among those the filter passes, whose vector is most like the query's (cosine), best first.</summary>
    private static List<string> Nearest(SortedDictionary<string, JsonObject> documents, JsonObject vectorQuery, Func<JsonObject, bool> passes)
    {
        var fields = Names(vectorQuery["fields"]);
        var query = vectorQuery["vector"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        return [.. documents
            .Where(d => passes(d.Value))
            .SelectMany(d => fields.Where(f => d.Value[f] is JsonArray).Select(f => (d.Key, Similarity: Cosine(query, d.Value[f]!.AsArray()))))
            .GroupBy(m => m.Key, m => m.Similarity)
            .OrderByDescending(g => g.Max())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(vectorQuery["k"]!.GetValue<int>())
            .Select(g => g.Key)];
    }

    private static List<string> Names(JsonNode? commaSeparated) =>
        commaSeparated?.GetValue<string>().Split(',').Select(f => f.Trim()).Where(f => f.Length > 0).ToList() ?? [];

    private static string DimensionMismatch(string field, int dimensions, int length) =>
        $"There's a mismatch in vector dimensions. The vector field '{field}', with dimension of '{dimensions}', expects a length of '{dimensions}'. " +
        $"However, the provided vector has a length of '{length}'. Please ensure that the vector length matches the expected length of the vector field.";

    // Reciprocal rank fusion as the service fuses a hybrid query: each list adds 1 / (60 + rank), ranks from 1.
    private static IEnumerable<(string Key, double Score)> Fuse(IEnumerable<IReadOnlyList<string>> rankings)
    {
        var scores = new Dictionary<string, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 1; rank <= ranking.Count; rank++)
            {
                scores[ranking[rank - 1]] = scores.GetValueOrDefault(ranking[rank - 1]) + 1.0 / (FusionK + rank);
            }
        }
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value));
    }

    private static double Cosine(double[] query, JsonArray stored)
    {
        double dot = 0, queryNorm = 0, storedNorm = 0;
        for (var i = 0; i < query.Length; i++)
        {
            var value = stored[i]!.GetValue<double>();
            dot += query[i] * value;
            queryNorm += query[i] * query[i];
            storedNorm += value * value;
        }
        return queryNorm == 0 || storedNorm == 0 ? 0 : dot / Math.Sqrt(queryNorm * storedNorm);
    }

    private static Dictionary<string, int> VectorFields(JsonObject index) =>
        index["fields"]!.AsArray()
            .Where(f => f!["type"]?.GetValue<string>() == VectorType)
            .ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!["dimensions"]!.GetValue<int>());

    private static JsonObject Merge(JsonObject? existing, JsonObject update)
    {
        var merged = existing?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in update)
        {
            merged[name] = value?.DeepClone();
        }
        return merged;
    }

    // Fields the schema marks as not retrievable are never returned, selected or not.
    private static JsonObject Selected(JsonObject index, JsonObject document, string[]? fields)
    {
        var hidden = index["fields"]!.AsArray().Where(f => f!["retrievable"]?.GetValue<bool>() == false).Select(f => f!["name"]!.GetValue<string>()).ToHashSet();
        var names = fields?.Select(f => f.Trim()) ?? document.Select(p => p.Key);
        return new JsonObject(names.Where(f => document.ContainsKey(f) && !hidden.Contains(f)).Select(f => KeyValuePair.Create(f, document[f]?.DeepClone())));
    }

    // The service's rule: letters, digits, '_', '-', '='; not starting with '_'; at most 1024 characters.
    private static string? ValidKey(string key) =>
        KeyPattern().IsMatch(key) ? null : $"Invalid document key: '{key}'. Keys can only contain letters, digits, underscore (_), dash (-), or equal sign (=), and cannot start with an underscore.";

    private JsonObject Entity(string collection, JsonObject definition)
    {
        var entity = definition.DeepClone().AsObject();
        entity.Insert(0, "@odata.context", $"{Endpoint}$metadata#{collection}/$entity");
        entity.Insert(1, "@odata.etag", $"\"0x8DC{Random.Shared.Next():X8}\"");
        return entity;
    }

    private Reply IndexNotFound(string name) => Error(404, $"The index '{name}' for service 'fake' was not found.");

    private static Reply Error(int status, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = "", ["message"] = message } });

    [GeneratedRegex(@"^/synonymmaps\('([^']+)'\)$")]
    private static partial Regex SynonymMapPath();

    [GeneratedRegex(@"^/indexes\('([^']+)'\)$")]
    private static partial Regex IndexPath();

    [GeneratedRegex(@"^/indexes\('([^']+)'\)/docs(.*)$")]
    private static partial Regex DocumentsPath();

    [GeneratedRegex(@"^\('([^']+)'\)$")]
    private static partial Regex DocumentKey();

    [GeneratedRegex(@"^(?!_)[A-Za-z0-9_\-=]{1,1024}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^search\.in\((\w+), '([^']*)', ','\)$")]
    private static partial Regex SearchIn();

    private sealed record Reply(int Status, JsonNode? Body);

    /// <summary>Something to do to the next few requests that match.</summary>
    private sealed class Trigger(string method, string pathPattern, int times)
    {
        public string Method { get; } = method;
        public Regex Path { get; } = new(pathPattern);
        public int Remaining { get; set; } = times;
        public int Status { get; init; }
        public TimeSpan Delay { get; init; }
    }
}
