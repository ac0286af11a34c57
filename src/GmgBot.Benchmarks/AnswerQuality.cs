using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Benchmarks;

/// <summary>
/// <c>quality</c>: asks the engine every question of one or more eval files in-process and scores the answers as
/// ../shared/eval/run_eval.py does (every "must" group matched by one alternative, no "forbid" string, case- and
/// space-insensitive, over the text and the card). For tuning without a running bot; the eval of record runs against it.
/// </summary>
public static partial class AnswerQuality
{
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var files = (configuration["Bench:Questions"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (files.Length == 0)
        {
            await output.WriteLineAsync("quality needs --Bench:Questions=file.jsonl[,file2.jsonl]");
            return 2;
        }
        var verbose = configuration["Bench:Verbose"] is "true" or "1";
        var explain = configuration["Bench:Explain"] is "true" or "1";
        await using var dump = configuration["Bench:Dump"] is { Length: > 0 } dumpPath ? File.CreateText(dumpPath) : null;
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Resolve(configuration), cancellationToken);
        var snapshot = new KnowledgeSnapshot(knowledge);
        using var index = new LuceneSearchIndex(path: null);
        await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), cancellationToken: cancellationToken);
        using var encoder = configuration["Bench:Meaning"] is "false" ? null : new SentenceEncoder();
        if (encoder is not null)
        {
            var vectorFolder = configuration["Bench:VectorCache"] ?? Path.Combine(Path.GetTempPath(), "gmgbot-bench-vectors");
            var (vectors, computed) = await new DocumentVectorCache(encoder, vectorFolder).EnsureAsync(SearchCorpus.Of(snapshot), cancellationToken);
            await output.WriteLineAsync($"Document vectors: {vectors.Ids.Count}, {(computed ? "computed" : "read from " + vectorFolder)}.");
            snapshot.Keep(vectors);
            await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), vectors, cancellationToken);
        }
        var now = DateTimeOffset.Parse(configuration["Bench:Now"] ?? "2026-11-24T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        AnswerEngine EngineAt(DateTimeOffset at) => new(new FixedKnowledgeSource(snapshot), index, new FixedTime(at), meaning: encoder);

        var total = 0;
        var passed = 0;
        foreach (var file in files)
        {
            var kinds = new SortedDictionary<string, (int Passed, int Total)>(StringComparer.Ordinal);
            var filePassed = 0;
            var items = File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l => JsonSerializer.Deserialize<EvalItem>(l, JsonSerializerOptions.Web)!).ToList();
            foreach (var item in items)
            {
                if (configuration["Bench:Debug"] is "true")
                {
                    var parsed = ParsedQuestion.Parse(item.Q, snapshot, now);
                    await output.WriteLineAsync($"  words [{string.Join(' ', parsed.Words)}] terms [{string.Join(' ', parsed.Terms)}] day {parsed.Day} at {parsed.At} part {parsed.Part}");
                    var debugAsk = new Ask(parsed, snapshot, new AgendaCards(snapshot, new NoSessionActions()), new QuestionContext(), now);
                    await output.WriteLineAsync($"  sessions [{string.Join(" | ", debugAsk.NamedSessions.Select(x => x.Session.Title))}] matcher [{string.Join(" | ", Lexicon.Of(snapshot).SessionMatcher.Match(parsed.Terms).Take(3).Select(m => $"{m.Item.Session.Title} {m.Score:F2}/{m.Coverage:F2}"))}]");
                }
                var started = Stopwatch.GetTimestamp();
                var answer = await EngineAt(item.Now ?? now).AskAsync(item.Q, new QuestionContext(), cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var text = Normalise(string.Join(" \n ", answer.Card is { } card ? [answer.Text, .. card.VisibleStrings()] : [answer.Text]));
                var missing = item.Must.Where(g => !g.Any(alt => text.Contains(Normalise(alt), StringComparison.Ordinal))).ToList();
                var forbidden = item.Forbid.Where(f => text.Contains(Normalise(f), StringComparison.Ordinal)).ToList();
                var ok = missing.Count == 0 && forbidden.Count == 0 && text.Length > 0;
                if (dump is not null && encoder is not null && snapshot.Kept<DocumentVectors>() is { } dumpVectors)
                {
                    var nearest = dumpVectors.Nearest(await encoder.EmbedQueryAsync(item.Q, cancellationToken), 3);
                    var parsed = ParsedQuestion.Parse(item.Q, snapshot, now);
                    var lexicon = Lexicon.Of(snapshot);
                    var unknown = parsed.Terms.Where(t => !lexicon.IndexTerms.Contains(t));
                    var weights = parsed.Terms.Distinct().Select(t => (t, w: lexicon.Rarity(t))).ToList();
                    var unknownShare = weights.Sum(x => x.w) == 0 ? 0 : weights.Where(x => !lexicon.IndexTerms.Contains(x.t)).Sum(x => x.w) / weights.Sum(x => x.w);
                    await dump.WriteLineAsync(JsonSerializer.Serialize(new { item.Id, item.Kind, ok, answer.Intent, item.Q, unknown, unknownShare, nearest = nearest.Select(n => new { n.Id, n.Similarity }) }));
                }
                var kind = item.Kind ?? "-";
                var (p, t) = kinds.GetValueOrDefault(kind);
                kinds[kind] = (p + (ok ? 1 : 0), t + 1);
                filePassed += ok ? 1 : 0;
                if (!ok && verbose)
                {
                    await output.WriteLineAsync($"FAIL {item.Id} [{kind}] {item.Q}  ({answer.Strategy}: {answer.Intent}, {elapsed:F1} ms)");
                    await output.WriteLineAsync($"     missing: {string.Join(" | ", missing.Select(g => string.Join("/", g.Take(3))))}"
                        + (forbidden.Count > 0 ? $"; forbidden: {string.Join(", ", forbidden)}" : ""));
                    await output.WriteLineAsync($"     answer: {(configuration["Bench:Full"] is "true" ? text : Truncate(text, 400))}");
                    if (explain && encoder is not null && snapshot.Kept<DocumentVectors>() is { } documentVectors)
                    {
                        var vector = await encoder.EmbedQueryAsync(item.Q, cancellationToken);
                        foreach (var (id, similarity) in documentVectors.Nearest(vector, 4))
                        {
                            var document = SearchCorpus.Of(snapshot).Documents.First(d => d.Id == id);
                            await output.WriteLineAsync($"       {similarity:F3} {id}: {Truncate(document.Title + " — " + document.Body, 150)}");
                        }
                    }
                }
            }
            await output.WriteLineAsync($"{file}: {filePassed}/{items.Count} ({100.0 * filePassed / Math.Max(1, items.Count):F1} %)   "
                + string.Join("  ", kinds.Select(k => $"{k.Key} {k.Value.Passed}/{k.Value.Total}")));
            total += items.Count;
            passed += filePassed;
        }
        await output.WriteLineAsync($"{passed} passed, {total - passed} failed");
        return 0;
    }

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length] + "…";

    private static string Normalise(string s) =>
        Spaces().Replace(s.Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-'), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed record EvalItem
    {
        public string Id { get; init; } = "";
        public string? Kind { get; init; }
        public string Q { get; init; } = "";
        public IReadOnlyList<IReadOnlyList<string>> Must { get; init; } = [];
        public IReadOnlyList<string> Forbid { get; init; } = [];
        public DateTimeOffset? Now { get; init; }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
