using System.Net;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Search.Documents.Indexes;
using GmgBot.Core.Search;
using GmgBot.Host.Search;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GmgBot.Host.Tests.Search;

public sealed class AzureSearchIndexTests : IAsyncLifetime
{
    private const string IndexName = "gmgbot-knowledge";
    private const string IndexPath = $"/indexes('{IndexName}')";
    private const string UploadPath = $"{IndexPath}/docs/search.index";
    private const string SearchPath = $"{IndexPath}/docs/search.post.search";

    private static readonly HashSet<SearchKind> FactsAndPassages = [SearchKind.Passage, SearchKind.Fact];

    private FakeSearchService _service = null!;

    public async Task InitializeAsync() => _service = await FakeSearchService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task First_build_creates_the_synonym_map_then_the_index_then_uploads_and_records_the_build_last()
    {
        var corpus = TestKnowledge.Corpus();

        var status = await NewIndex().EnsureCurrentAsync(corpus);

        Assert.True(status.Rebuilt);
        Assert.Equal(corpus.Documents.Count, status.DocumentCount);
        Assert.Equal(
            [
                $"GET {IndexPath}/docs('index=build')",
                $"PUT /synonymmaps('{IndexName}-synonyms')",
                $"PUT {IndexPath}",
                $"POST {UploadPath}",
                $"POST {SearchPath}",
                $"POST {UploadPath}",
            ],
            _service.Requests.Select(r => r.ToString()));
        Assert.All(_service.Requests, r =>
        {
            Assert.Equal(FakeSearchService.ApiKey, r.Headers["api-key"]);
            Assert.Equal(FakeSearchService.ApiVersion, r.Query["api-version"]);
        });
        var record = Assert.Single(Actions(_service.Requests[^1]));
        Assert.Equal("upload", record["@search.action"]!.GetValue<string>());
        Assert.Equal("index=build", record["key"]!.GetValue<string>());
        Assert.Equal($"{KnowledgeIndexSchema.Version}:hash-1", record["build"]!.GetValue<string>());
    }

    [Fact]
    public async Task Index_definition_has_an_encoded_key_filterable_kind_analysed_text_fields_and_names_title_body_weighted_3_2_1()
    {
        await NewIndex().EnsureCurrentAsync(TestKnowledge.Corpus());

        var definition = _service.Requests.Single(r => r.Method == "PUT" && r.Path == IndexPath).Body!.AsObject();
        Assert.Equal(IndexName, definition["name"]!.GetValue<string>());
        var fields = definition["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!.AsObject());
        Assert.Equal(["key", "id", "kind", "refId", "title", "names", "body", "document", "section", "build"], fields.Keys);

        var key = fields["key"];
        Assert.True(Flag(key, "key"));
        Assert.Equal("Edm.String", key["type"]!.GetValue<string>());
        Assert.False(Flag(key, "searchable"));

        Assert.True(Flag(fields["kind"], "filterable"));
        Assert.True(Flag(fields["kind"], "facetable"));
        Assert.False(Flag(fields["kind"], "searchable"));
        foreach (var name in new[] { "id", "kind", "refId", "title", "names", "body", "document", "section" })
        {
            Assert.True(Flag(fields[name], "retrievable"), $"{name} must be retrievable to rebuild a SearchDocument");
        }
        foreach (var name in new[] { "title", "names", "body" })
        {
            Assert.True(Flag(fields[name], "searchable"));
            Assert.Equal("gmg_english", fields[name]["analyzer"]!.GetValue<string>());
            Assert.Equal([$"{IndexName}-synonyms"], fields[name]["synonymMaps"]!.AsArray().Select(m => m!.GetValue<string>()));
        }
        Assert.Equal("Collection(Edm.String)", fields["names"]["type"]!.GetValue<string>());
        foreach (var name in new[] { "id", "kind", "refId", "document", "section", "build" })
        {
            Assert.False(Flag(fields[name], "searchable"), $"{name} is not text to search");
        }

        var profile = Assert.Single(definition["scoringProfiles"]!.AsArray())!;
        Assert.Equal("knowledge_fields", profile["name"]!.GetValue<string>());
        var weights = profile["text"]!["weights"]!.AsObject();
        Assert.Equal(3, weights["names"]!.GetValue<double>());
        Assert.Equal(2, weights["title"]!.GetValue<double>());
        Assert.Equal(1, weights["body"]!.GetValue<double>());
        Assert.Equal("knowledge_fields", definition["defaultScoringProfile"]!.GetValue<string>());
        Assert.Equal("#Microsoft.Azure.Search.BM25Similarity", definition["similarity"]!["@odata.type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Analyzer_is_the_embedded_index_chain_standard_tokens_possessives_lowercase_folding_spellings_stop_words_porter()
    {
        await NewIndex().EnsureCurrentAsync(TestKnowledge.Corpus());

        var definition = _service.Requests.Single(r => r.Method == "PUT" && r.Path == IndexPath).Body!.AsObject();
        var analyzer = Assert.Single(definition["analyzers"]!.AsArray())!;
        Assert.Equal("#Microsoft.Azure.Search.CustomAnalyzer", analyzer["@odata.type"]!.GetValue<string>());
        Assert.Equal("gmg_english", analyzer["name"]!.GetValue<string>());
        Assert.Equal("standard_v2", analyzer["tokenizer"]!.GetValue<string>());
        var spellings = GmgBot.Core.Search.SpellingVariants.Rules.Select((_, i) => $"gmg_spelling_{i}").ToList();
        Assert.Equal(["gmg_possessive", "lowercase", "asciifolding", .. spellings, "gmg_stopwords", "porter_stem"],
            analyzer["tokenFilters"]!.AsArray().Select(f => f!.GetValue<string>()));

        var filters = definition["tokenFilters"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!);
        Assert.Equal("#Microsoft.Azure.Search.StemmerTokenFilter", filters["gmg_possessive"]["@odata.type"]!.GetValue<string>());
        Assert.Equal("possessiveEnglish", filters["gmg_possessive"]["language"]!.GetValue<string>());
        Assert.Equal("#Microsoft.Azure.Search.StopwordsTokenFilter", filters["gmg_stopwords"]["@odata.type"]!.GetValue<string>());
        var stopWords = filters["gmg_stopwords"]["stopwords"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.Equal(Lucene.Net.Analysis.En.EnglishAnalyzer.DefaultStopSet.Count, stopWords.Count);
        Assert.Contains("the", stopWords);
        Assert.DoesNotContain("who", stopWords);
        // The same British/American rules as the embedded analyzer, as pattern-replace filters.
        foreach (var (rule, name) in GmgBot.Core.Search.SpellingVariants.Rules.Zip(spellings))
        {
            Assert.Equal("#Microsoft.Azure.Search.PatternReplaceTokenFilter", filters[name]["@odata.type"]!.GetValue<string>());
            Assert.Equal((rule.Pattern, rule.Replacement), (filters[name]["pattern"]!.GetValue<string>(), filters[name]["replacement"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Synonym_map_holds_one_solr_line_per_group_of_the_corpus()
    {
        await NewIndex().EnsureCurrentAsync(TestKnowledge.Corpus());

        var map = _service.Requests.Single(r => r.Path.StartsWith("/synonymmaps", StringComparison.Ordinal)).Body!;
        Assert.Equal($"{IndexName}-synonyms", map["name"]!.GetValue<string>());
        Assert.Equal("solr", map["format"]!.GetValue<string>());
        Assert.Equal(
            ["Swiss Agency for Development and Cooperation, SDC", "GMG, Global Migration Group", "Cecilia Malmström, Cecilia Malmstrom"],
            map["synonyms"]!.GetValue<string>().Split('\n'));
    }

    [Fact]
    public async Task Upload_sends_every_corpus_document_once_under_a_valid_reversible_key_with_its_fields()
    {
        var corpus = TestKnowledge.Corpus();

        await NewIndex().EnsureCurrentAsync(corpus);

        var actions = Actions(_service.Requests.First(r => r.Path == UploadPath)).ToList();
        Assert.Equal(corpus.Documents.Count, actions.Count);
        Assert.All(actions, a => Assert.Equal("upload", a["@search.action"]!.GetValue<string>()));
        var byId = actions.ToDictionary(a => a["id"]!.GetValue<string>());
        foreach (var document in corpus.Documents)
        {
            var sent = byId[document.Id];
            var key = sent["key"]!.GetValue<string>();
            Assert.Matches("^[A-Za-z0-9][A-Za-z0-9_-]*$", key);
            Assert.Equal(document.Id, KnowledgeIndexSchema.IdOfKey(key));
            Assert.Equal(document.Kind.ToString(), sent["kind"]!.GetValue<string>());
            Assert.Equal(document.RefId, sent["refId"]!.GetValue<string>());
            Assert.Equal(document.Title, sent["title"]!.GetValue<string>());
            Assert.Equal(document.Names, sent["names"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal(document.Body, sent["body"]!.GetValue<string>());
            Assert.Equal(document.Source.Document, sent["document"]!.GetValue<string>());
            Assert.Equal(document.Source.Section, sent["section"]!.GetValue<string>());
        }
        Assert.Contains("target:10.7", byId.Keys);
        Assert.Contains("passage:note:0:0", byId.Keys);
    }

    [Fact]
    public async Task Upload_is_split_into_batches_of_at_most_1000_documents()
    {
        var source = TestKnowledge.Source("Background");
        var corpus = new SearchCorpus(
            [.. Enumerable.Range(0, 2300).Select(i => new SearchDocument($"passage:big:{i}:0", SearchKind.Passage, "big", "Big", [], $"Passage {i}", source))],
            [], "big");

        var status = await NewIndex().EnsureCurrentAsync(corpus);

        Assert.True(status.Rebuilt);
        var uploads = _service.Requests.Where(r => r.Path == UploadPath).Select(r => Actions(r).Count()).ToList();
        Assert.Equal([1000, 1000, 300, 1], uploads);
        Assert.Equal(2301, _service.Documents(IndexName).Count);
    }

    [Fact]
    public async Task Same_content_hash_again_reads_the_build_record_and_uploads_nothing_even_after_a_restart()
    {
        var corpus = TestKnowledge.Corpus();
        await NewIndex().EnsureCurrentAsync(corpus);
        _service.ClearRequests();

        var restarted = NewIndex();
        var status = await restarted.EnsureCurrentAsync(corpus);

        Assert.False(status.Rebuilt);
        var read = Assert.Single(_service.Requests);
        Assert.Equal($"GET {IndexPath}/docs('index=build')", read.ToString());
        Assert.Equal("key,build", read.Query["$select"]);
        Assert.False((await restarted.EnsureCurrentAsync(corpus)).Rebuilt);
    }

    [Fact]
    public async Task Changed_content_hash_uploads_again_deletes_what_the_knowledge_dropped_and_records_the_new_hash()
    {
        var index = NewIndex();
        await index.EnsureCurrentAsync(TestKnowledge.Corpus("hash-1"));
        _service.ClearRequests();
        var changed = TestKnowledge.Corpus("hash-2", withCostsSession: false);

        var status = await index.EnsureCurrentAsync(changed);

        Assert.True(status.Rebuilt);
        var batches = _service.Requests.Where(r => r.Path == UploadPath).Select(r => Actions(r).ToList()).ToList();
        Assert.Equal(3, batches.Count);
        Assert.Equal(changed.Documents.Count, batches[0].Count);
        var deleted = Assert.Single(batches[1]);
        Assert.Equal("delete", deleted["@search.action"]!.GetValue<string>());
        Assert.Equal(KnowledgeIndexSchema.KeyOf("session:costs"), deleted["key"]!.GetValue<string>());
        Assert.Equal($"{KnowledgeIndexSchema.Version}:hash-2", batches[2].Single()["build"]!.GetValue<string>());

        var stored = _service.Documents(IndexName);
        Assert.Equal(changed.Documents.Count + 1, stored.Count);
        Assert.DoesNotContain(KnowledgeIndexSchema.KeyOf("session:costs"), stored.Keys);
    }

    [Fact]
    public async Task A_document_the_service_rejects_fails_the_build_by_name_and_leaves_it_to_be_redone()
    {
        _service.Rejects = d => d["id"]?.GetValue<string>() == "fact:members" ? "Document is too large." : null;
        var index = NewIndex();

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.EnsureCurrentAsync(TestKnowledge.Corpus()));

        Assert.Contains("'fact:members'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Document is too large.", error.Message, StringComparison.Ordinal);
        Assert.Contains(IndexName, error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.Status);
        Assert.DoesNotContain("index=build", _service.Documents(IndexName).Keys);

        _service.Rejects = _ => null;
        Assert.True((await index.EnsureCurrentAsync(TestKnowledge.Corpus())).Rebuilt);
    }

    [Fact]
    public async Task An_index_whose_fields_cannot_be_changed_in_place_is_deleted_and_created_again()
    {
        _service.Seed(new JsonObject
        {
            ["name"] = IndexName,
            ["fields"] = new JsonArray(
                new JsonObject { ["name"] = "key", ["type"] = "Edm.String", ["key"] = true },
                new JsonObject { ["name"] = "title", ["type"] = "Edm.String", ["searchable"] = true, ["analyzer"] = "en.microsoft" }),
        });

        var status = await NewIndex().EnsureCurrentAsync(TestKnowledge.Corpus());

        Assert.True(status.Rebuilt);
        Assert.Equal(
            [$"PUT {IndexPath}", $"DELETE {IndexPath}", "POST /indexes"],
            _service.Requests.Where(r => r.Path.StartsWith("/indexes", StringComparison.Ordinal) && !r.Path.Contains("/docs", StringComparison.Ordinal)).Select(r => r.ToString()));
        Assert.Equal("gmg_english", _service.Index(IndexName)!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "title")!["analyzer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Query_asks_for_the_plan_terms_and_synonym_phrases_in_full_lucene_syntax_any_mode_filtered_by_kind()
    {
        var index = await BuiltIndex();

        await index.SearchAsync(new SearchRequest("Who is funded by SDC?", FactsAndPassages, Top: 3));

        var query = Assert.Single(_service.Requests, r => r.Path == SearchPath).Body!.AsObject();
        Assert.Equal("funded sdc \"Swiss Agency for Development and Cooperation\"~3^0.7", query["search"]!.GetValue<string>());
        Assert.Equal("full", query["queryType"]!.GetValue<string>());
        Assert.Equal("any", query["searchMode"]!.GetValue<string>());
        Assert.Equal("search.in(kind, 'Fact,Passage', ',')", query["filter"]!.GetValue<string>());
        Assert.Equal(3, query["top"]!.GetValue<int>());
        Assert.Equal("knowledge_fields", query["scoringProfile"]!.GetValue<string>());
        Assert.Equal(["id", "kind", "refId", "title", "names", "body", "document", "section"], query["select"]!.GetValue<string>().Split(','));
    }

    [Fact]
    public async Task Query_without_kinds_has_no_filter()
    {
        var index = await BuiltIndex();

        await index.SearchAsync(new SearchRequest("decent work"));

        var query = Assert.Single(_service.Requests, r => r.Path == SearchPath).Body!.AsObject();
        Assert.Equal("decent work", query["search"]!.GetValue<string>());
        Assert.Null(query["filter"]);
        Assert.Equal(5, query["top"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_word_the_corpus_never_uses_is_also_searched_fuzzily_by_its_stem_and_a_known_one_is_not()
    {
        var index = await BuiltIndex();

        await index.SearchAsync(new SearchRequest("Leighten chairs migration"));
        await index.SearchAsync(new SearchRequest("Where is the cost meetng?"));

        var queries = _service.Requests.Where(r => r.Path == SearchPath).Select(r => r.Body!["search"]!.GetValue<string>()).ToList();
        Assert.Equal("leighten leighten~2^0.8 chairs migration", queries[0]);
        Assert.Equal("cost meetng meetng~1^0.8", queries[1]);
    }

    [Fact]
    public async Task Lucene_operators_in_the_question_are_escaped_or_dropped_never_passed_through()
    {
        var index = await BuiltIndex();

        await index.SearchAsync(new SearchRequest("decent-work AND (migration) costs: \"SDC\" ~ 10.7 / title:x* +y"));

        var search = _service.Requests.Single(r => r.Path == SearchPath).Body!["search"]!.GetValue<string>();
        var unescaped = System.Text.RegularExpressions.Regex.Replace(search, @"\\.|""[^""]*""~3\^0\.7|~[12]\^0\.8", "");
        Assert.DoesNotMatch(@"[+\-&|!(){}\[\]^""~*?:\\/]", unescaped);
        Assert.DoesNotContain("AND", search, StringComparison.Ordinal);
        Assert.Contains("10.7", search, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_of_stop_words_only_asks_nothing()
    {
        var index = await BuiltIndex();

        var hits = await index.SearchAsync(new SearchRequest("What is the?"));

        Assert.Empty(hits);
        Assert.DoesNotContain(_service.Requests, r => r.Path == SearchPath);
    }

    [Fact]
    public async Task Results_map_back_to_the_corpus_documents_with_kind_source_names_and_score_in_service_order()
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex();
        await index.EnsureCurrentAsync(corpus);
        var person = corpus.Documents.Single(d => d.Id == "person:malmstrom");
        var passage = corpus.Documents.Single(d => d.Id == "passage:note:0:0");
        _service.Ranking = _ => [(KnowledgeIndexSchema.KeyOf(person.Id), 7.5), (KnowledgeIndexSchema.BuildKey, 2), (KnowledgeIndexSchema.KeyOf(passage.Id), 1.25)];

        var hits = await index.SearchAsync(new SearchRequest("Malmstrom"));

        Assert.Equal([person.Id, passage.Id], hits.Select(h => h.Document.Id));
        Assert.Equal([7.5f, 1.25f], hits.Select(h => h.Score));
        foreach (var (hit, expected) in hits.Zip([person, passage]))
        {
            Assert.Equal(expected.Kind, hit.Document.Kind);
            Assert.Equal(expected.RefId, hit.Document.RefId);
            Assert.Equal(expected.Title, hit.Document.Title);
            Assert.Equal(expected.Names, hit.Document.Names);
            Assert.Equal(expected.Body, hit.Document.Body);
            Assert.Equal(expected.Source, hit.Document.Source);
        }
    }

    [Fact]
    public async Task A_503_is_retried_by_the_sdk_and_the_search_succeeds()
    {
        var index = await BuiltIndex();
        _service.Ranking = _ => [(KnowledgeIndexSchema.KeyOf("session:costs"), 3)];
        _service.Fail("POST", @"search\.post\.search$", HttpStatusCode.ServiceUnavailable);

        var hits = await index.SearchAsync(new SearchRequest("migration costs"));

        Assert.Equal("session:costs", Assert.Single(hits).Document.Id);
        Assert.Equal(2, _service.Requests.Count(r => r.Path == SearchPath));
    }

    [Fact]
    public async Task A_service_that_stays_unavailable_gives_a_typed_error_naming_the_index_and_the_operation()
    {
        var index = await BuiltIndex();
        _service.Fail("POST", @"search\.post\.search$", HttpStatusCode.ServiceUnavailable, times: 10);

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.SearchAsync(new SearchRequest("migration costs")));

        Assert.Equal(503, error.Status);
        Assert.IsType<RequestFailedException>(error.InnerException);
        Assert.Contains($"could not search for index '{IndexName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Service is temporarily unavailable", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, _service.Requests.Count(r => r.Path == SearchPath));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_gives_a_typed_error_not_a_cancellation()
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex(FakeSearchService.ClientOptions(networkTimeout: TimeSpan.FromMilliseconds(200)));
        await index.EnsureCurrentAsync(corpus);
        _service.Stall("POST", @"search\.post\.search$", TimeSpan.FromSeconds(30), times: 10);

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.SearchAsync(new SearchRequest("migration costs")));

        Assert.Null(error.Status);
        Assert.Contains("no answer in time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        var index = await BuiltIndex();
        _service.Stall("POST", @"search\.post\.search$", TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await index.SearchAsync(new SearchRequest("migration costs"), cancellation.Token));
    }

    [Fact]
    public async Task A_service_that_cannot_be_reached_gives_a_typed_error()
    {
        var gone = await FakeSearchService.StartAsync();
        var endpoint = gone.Endpoint;
        await gone.DisposeAsync();
        var client = new SearchIndexClient(endpoint, new AzureKeyCredential(FakeSearchService.ApiKey), FakeSearchService.ClientOptions());
        var index = new AzureSearchIndex(client, IndexName, NullLogger<AzureSearchIndex>.Instance);

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.EnsureCurrentAsync(TestKnowledge.Corpus()));

        Assert.Null(error.Status);
        Assert.Contains("no answer from the service", error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_fails_the_build_with_the_services_403()
    {
        var client = new SearchIndexClient(_service.Endpoint, new AzureKeyCredential("wrong"), FakeSearchService.ClientOptions());
        var index = new AzureSearchIndex(client, IndexName, NullLogger<AzureSearchIndex>.Instance);

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.EnsureCurrentAsync(TestKnowledge.Corpus()));

        Assert.Equal(403, error.Status);
        Assert.Contains("read the index's build record", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_that_cannot_sign_in_gives_a_typed_error()
    {
        var client = new SearchIndexClient(_service.Endpoint, new FailingCredential(), FakeSearchService.ClientOptions());
        var index = new AzureSearchIndex(client, IndexName, NullLogger<AzureSearchIndex>.Instance);

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () => await index.EnsureCurrentAsync(TestKnowledge.Corpus()));

        Assert.IsType<AuthenticationFailedException>(error.InnerException);
        Assert.Null(error.Status);
        Assert.Contains("could not authenticate", error.Message, StringComparison.Ordinal);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task Searching_before_the_index_is_ensured_is_a_programming_error()
    {
        var index = NewIndex();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await index.SearchAsync(new SearchRequest("decent work")));
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task With_vectors_the_index_has_a_hidden_vector_field_of_their_size_searched_by_cosine_through_an_hnsw_profile()
    {
        var corpus = TestKnowledge.Corpus();

        await NewIndex().EnsureCurrentAsync(corpus, await Meaning(corpus));

        var definition = _service.Requests.Single(r => r.Method == "PUT" && r.Path == IndexPath).Body!.AsObject();
        var fields = definition["fields"]!.AsArray().ToDictionary(f => f!["name"]!.GetValue<string>(), f => f!.AsObject());
        Assert.Equal(["key", "id", "kind", "refId", "title", "names", "body", "document", "section", "build", "vector"], fields.Keys);
        var vector = fields["vector"];
        Assert.Equal("Collection(Edm.Single)", vector["type"]!.GetValue<string>());
        Assert.Equal(4, vector["dimensions"]!.GetValue<int>());
        Assert.Equal("knowledge_meaning", vector["vectorSearchProfile"]!.GetValue<string>());
        Assert.True(Flag(vector, "searchable"));
        Assert.False(Flag(vector, "retrievable"));
        foreach (var flag in new[] { "filterable", "sortable", "facetable", "key" })
        {
            Assert.False(Flag(vector, flag), $"a vector field cannot be {flag}");
        }

        var algorithm = Assert.Single(definition["vectorSearch"]!["algorithms"]!.AsArray())!;
        Assert.Equal("knowledge_hnsw", algorithm["name"]!.GetValue<string>());
        Assert.Equal("hnsw", algorithm["kind"]!.GetValue<string>());
        Assert.Equal("cosine", algorithm["hnswParameters"]!["metric"]!.GetValue<string>());
        var profile = Assert.Single(definition["vectorSearch"]!["profiles"]!.AsArray())!;
        Assert.Equal("knowledge_meaning", profile["name"]!.GetValue<string>());
        Assert.Equal("knowledge_hnsw", profile["algorithm"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uploads_carry_each_documents_vector_and_the_build_record_names_the_model()
    {
        var corpus = TestKnowledge.Corpus();
        var vectors = await Meaning(corpus);

        await NewIndex().EnsureCurrentAsync(corpus, vectors);

        var uploads = _service.Requests.Where(r => r.Path == UploadPath).Select(r => Actions(r).ToList()).ToList();
        Assert.Equal(corpus.Documents.Count, uploads[0].Count);
        foreach (var action in uploads[0])
        {
            var sent = action["vector"]!.AsArray().Select(v => v!.GetValue<float>());
            Assert.Equal(vectors.VectorOf(action["id"]!.GetValue<string>())!.Value.ToArray(), sent);
        }
        var record = Assert.Single(uploads[^1]);
        Assert.Null(record["vector"]);
        Assert.Equal($"{KnowledgeIndexSchema.Version}:hash-1:model-a:4", record["build"]!.GetValue<string>());
        // Stored, but never returned: the field is not retrievable.
        Assert.Equal(4, _service.Documents(IndexName)[KnowledgeIndexSchema.KeyOf("session:costs")]["vector"]!.AsArray().Count);
    }

    [Fact]
    public async Task Hybrid_query_adds_a_vector_query_on_the_vector_field_k_deep_filtered_before_the_nearest_are_taken()
    {
        var index = await BuiltIndex(withMeaning: true);

        await index.SearchAsync(new SearchRequest("Who is funded by SDC?", FactsAndPassages, Top: 3));
        await index.SearchAsync(new SearchRequest("Who is funded by SDC?", FactsAndPassages, Top: 3, Vector: new[] { 1f, 0, 0, 0 }));
        await index.SearchAsync(new SearchRequest("Who is funded by SDC?", Top: 20, Vector: new[] { 0.6f, 0.8f, 0, 0 }));

        var queries = _service.Requests.Where(r => r.Path == SearchPath).Select(r => r.Body!.AsObject()).ToList();
        var (wordsOnly, hybrid) = (queries[0], queries[1]);
        Assert.Equal("search.in(kind, 'Fact,Passage', ',')", hybrid["filter"]!.GetValue<string>());
        Assert.Equal("preFilter", hybrid["vectorFilterMode"]!.GetValue<string>());
        var vectorQuery = Assert.Single(hybrid["vectorQueries"]!.AsArray())!.AsObject();
        Assert.Equal(["fields", "k", "kind", "vector"], vectorQuery.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("vector", vectorQuery["kind"]!.GetValue<string>());
        Assert.Equal("vector", vectorQuery["fields"]!.GetValue<string>());
        Assert.Equal(50, vectorQuery["k"]!.GetValue<int>());
        Assert.Equal([1f, 0, 0, 0], vectorQuery["vector"]!.AsArray().Select(v => v!.GetValue<float>()));
        // Everything else is the words-only query, unchanged.
        hybrid.Remove("vectorQueries");
        hybrid.Remove("vectorFilterMode");
        Assert.True(JsonNode.DeepEquals(wordsOnly, hybrid), $"{wordsOnly.ToJsonString()} vs {hybrid.ToJsonString()}");

        Assert.Null(queries[2]["filter"]);
        Assert.Equal(100, queries[2]["vectorQueries"]![0]!["k"]!.GetValue<int>());
    }

    [Fact]
    public async Task Hybrid_query_ranks_by_words_and_meaning_fused_and_a_document_only_the_meaning_finds_comes_back()
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex();
        await index.EnsureCurrentAsync(corpus, await Meaning(corpus));
        // By words: the passage, then the person. By meaning: the passage, then the costs session, which no word matches.
        _service.Ranking = _ => [(KnowledgeIndexSchema.KeyOf("passage:note:0:0"), 4), (KnowledgeIndexSchema.KeyOf("person:malmstrom"), 2)];

        var hits = await index.SearchAsync(new SearchRequest("Who pays for it?", Top: 3, Vector: new[] { 1f, 0, 0, 0 }));

        Assert.Equal(["passage:note:0:0", "person:malmstrom", "session:costs"], hits.Select(h => h.Document.Id));
        Assert.Equal(1.0 / 61 + 1.0 / 61, hits[0].Score, 1e-6);
        Assert.Equal(1.0 / 62, hits[2].Score, 1e-6);
        Assert.Equal("Reducing migration costs", hits[2].Document.Title);
    }

    [Fact]
    public async Task Hybrid_query_keeps_to_the_kinds_asked_for_in_meaning_as_in_words()
    {
        var index = await BuiltIndex(withMeaning: true);
        _service.Ranking = _ => [(KnowledgeIndexSchema.KeyOf("passage:note:0:0"), 4)];

        var hits = await index.SearchAsync(new SearchRequest("Who pays for it?", new HashSet<SearchKind> { SearchKind.Session }, Vector: new[] { 1f, 0, 0, 0 }));

        // The passage is nearest in meaning and first in words, but not a session.
        Assert.Equal(["session:costs", "session:open"], hits.Select(h => h.Document.Id));
    }

    [Fact]
    public async Task Without_vectors_the_index_has_no_vector_field_and_a_request_with_a_vector_searches_words_only()
    {
        var index = NewIndex();
        await index.EnsureCurrentAsync(TestKnowledge.Corpus());

        await index.SearchAsync(new SearchRequest("decent work", Vector: new[] { 1f, 0, 0, 0 }));

        var definition = _service.Index(IndexName)!;
        Assert.Null(definition["vectorSearch"]);
        Assert.DoesNotContain(definition["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "vector");
        Assert.All(Actions(_service.Requests.First(r => r.Path == UploadPath)), a => Assert.False(a.ContainsKey("vector")));
        var query = _service.Requests.Last(r => r.Path == SearchPath).Body!.AsObject();
        Assert.Equal("decent work", query["search"]!.GetValue<string>());
        Assert.False(query.ContainsKey("vectorQueries"));
        Assert.False(query.ContainsKey("vectorFilterMode"));
    }

    [Fact]
    public async Task A_vector_of_another_size_than_the_index_holds_searches_words_only_as_the_embedded_index_does()
    {
        var index = await BuiltIndex(withMeaning: true);

        await index.SearchAsync(new SearchRequest("decent work", Vector: new[] { 1f, 0, 0 }));

        Assert.False(_service.Requests.Single(r => r.Path == SearchPath).Body!.AsObject().ContainsKey("vectorQueries"));
    }

    [Fact]
    public async Task Vectors_of_another_corpus_are_not_stored_with_this_one()
    {
        var vectors = await Meaning(TestKnowledge.Corpus("hash-1"));
        var index = NewIndex();

        await index.EnsureCurrentAsync(TestKnowledge.Corpus("hash-2"), vectors);
        await index.SearchAsync(new SearchRequest("decent work", Vector: new[] { 1f, 0, 0, 0 }));

        Assert.Null(_service.Index(IndexName)!["vectorSearch"]);
        Assert.Equal($"{KnowledgeIndexSchema.Version}:hash-2", _service.Documents(IndexName)[KnowledgeIndexSchema.BuildKey]["build"]!.GetValue<string>());
        Assert.False(_service.Requests.Last(r => r.Path == SearchPath).Body!.AsObject().ContainsKey("vectorQueries"));
    }

    [Fact]
    public async Task Another_model_rebuilds_the_index_with_its_vectors_and_the_same_model_again_does_not()
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex();
        await index.EnsureCurrentAsync(corpus, await Meaning(corpus, "model-a"));
        _service.ClearRequests();
        var other = await Meaning(corpus, "model-b", flip: true);

        var status = await index.EnsureCurrentAsync(corpus, other);

        Assert.True(status.Rebuilt);
        var uploaded = Actions(_service.Requests.First(r => r.Path == UploadPath)).Single(a => a["id"]!.GetValue<string>() == "session:costs");
        Assert.Equal(other.VectorOf("session:costs")!.Value.ToArray(), uploaded["vector"]!.AsArray().Select(v => v!.GetValue<float>()));
        Assert.Equal($"{KnowledgeIndexSchema.Version}:hash-1:model-b:4", _service.Documents(IndexName)[KnowledgeIndexSchema.BuildKey]["build"]!.GetValue<string>());
        Assert.False((await NewIndex().EnsureCurrentAsync(corpus, other)).Rebuilt);
    }

    [Fact]
    public async Task Vectors_turned_on_add_the_field_in_place_and_turned_off_replace_the_index_without_it()
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex();
        await index.EnsureCurrentAsync(corpus);
        _service.ClearRequests();

        Assert.True((await index.EnsureCurrentAsync(corpus, await Meaning(corpus))).Rebuilt);
        Assert.Equal([$"PUT {IndexPath}"], IndexDefinitionRequests());
        Assert.Equal(4, _service.Index(IndexName)!["fields"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == "vector")!["dimensions"]!.GetValue<int>());
        _service.ClearRequests();

        Assert.True((await index.EnsureCurrentAsync(corpus)).Rebuilt);
        // The service refuses to drop a field in place.
        Assert.Equal([$"PUT {IndexPath}", $"DELETE {IndexPath}", "POST /indexes"], IndexDefinitionRequests());
        Assert.DoesNotContain(_service.Index(IndexName)!["fields"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "vector");
        Assert.Equal(corpus.Documents.Count + 1, _service.Documents(IndexName).Count);
    }

    [Fact]
    public async Task A_vector_the_index_no_longer_fits_after_another_instance_changed_the_model_is_refused_with_a_typed_400()
    {
        var corpus = TestKnowledge.Corpus();
        var stale = NewIndex();
        await stale.EnsureCurrentAsync(corpus, await Meaning(corpus, "model-a"));
        // Another instance, already on a model of another size, rebuilds the shared index.
        await NewIndex().EnsureCurrentAsync(corpus, await HandMadeEmbeddings.For(corpus, "model-c", _ => [1, 0, 0]));

        var error = await Assert.ThrowsAsync<SearchIndexException>(async () =>
            await stale.SearchAsync(new SearchRequest("decent work", Vector: new[] { 1f, 0, 0, 0 })));

        Assert.Equal(400, error.Status);
        Assert.Contains("mismatch in vector dimensions", error.Message, StringComparison.Ordinal);
        Assert.Contains("expects a length of '3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stand_in_refuses_an_upload_whose_vector_does_not_fit_the_field_as_the_service_does()
    {
        var corpus = TestKnowledge.Corpus();
        await NewIndex().EnsureCurrentAsync(corpus, await Meaning(corpus));
        var client = new SearchIndexClient(_service.Endpoint, new AzureKeyCredential(FakeSearchService.ApiKey), FakeSearchService.ClientOptions()).GetSearchClient(IndexName);
        var document = new Azure.Search.Documents.Models.SearchDocument { ["key"] = "extra", ["vector"] = new[] { 1f, 0, 0 } };

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.UploadDocumentsAsync([document]));

        Assert.Equal(400, error.Status);
        Assert.Contains("expects a length of '4'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("extra", _service.Documents(IndexName).Keys);
    }

    private AzureSearchIndex NewIndex(Azure.Search.Documents.SearchClientOptions? options = null) =>
        new(new SearchIndexClient(_service.Endpoint, new AzureKeyCredential(FakeSearchService.ApiKey), options ?? FakeSearchService.ClientOptions()),
            IndexName, NullLogger<AzureSearchIndex>.Instance);

    private async Task<AzureSearchIndex> BuiltIndex(bool withMeaning = false)
    {
        var corpus = TestKnowledge.Corpus();
        var index = NewIndex();
        await index.EnsureCurrentAsync(corpus, withMeaning ? await Meaning(corpus) : null);
        _service.ClearRequests();
        return index;
    }

    /// <summary>
    /// Hand-made 4-dimensional meaning: the funding passage points one way, the costs session close to it, the person
    /// elsewhere, everything else another way (<paramref name="flip"/> swaps the first two axes, as another model might).
    /// </summary>
    private static Task<DocumentVectors> Meaning(SearchCorpus corpus, string model = "model-a", bool flip = false) =>
        HandMadeEmbeddings.For(corpus, model, d =>
        {
            float[] vector = d.Id switch
            {
                "passage:note:0:0" => [1, 0, 0, 0],
                "session:costs" => [0.8f, 0.6f, 0, 0],
                "person:malmstrom" => [0, 0, 1, 0],
                _ => [0, 0, 0, 1],
            };
            return flip ? [vector[1], vector[0], vector[2], vector[3]] : vector;
        });

    private IEnumerable<string> IndexDefinitionRequests() =>
        _service.Requests.Where(r => r.Path.StartsWith("/indexes", StringComparison.Ordinal) && !r.Path.Contains("/docs", StringComparison.Ordinal)).Select(r => r.ToString());

    private static IEnumerable<JsonObject> Actions(JsonRequest request) =>
        request.Body!["value"]!.AsArray().Select(a => a!.AsObject());

    private static bool Flag(JsonObject field, string name) => field[name]?.GetValue<bool>() ?? false;

    private sealed class FailingCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("ManagedIdentityCredential authentication unavailable: no managed identity endpoint found.");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("ManagedIdentityCredential authentication unavailable: no managed identity endpoint found.");
    }
}
