using GmgBot.Core.Conversation;
using System.Diagnostics;
using System.Text.Json;
using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Benchmarks;

/// <summary>
/// The project's own speed measurements, run in-process after warm-up: answer latency over the eval questions
/// (p50/p99, allocations) and the time to build the search index from the shipped knowledge.
/// </summary>
public static class AnswerBenchmark
{
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var questionsPath = configuration["Bench:Questions"] ?? FindDefaultQuestions();
        if (questionsPath is null || !File.Exists(questionsPath))
        {
            await output.WriteLineAsync("No questions file: pass --Bench:Questions=<file.jsonl> (lines with a \"q\" field).");
            return 2;
        }
        var rounds = int.TryParse(configuration["Bench:Rounds"], out var r) && r > 0 ? r : 30;
        var questions = File.ReadLines(questionsPath)
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("q").GetString()!)
            .Distinct()
            .ToList();

        var loadWatch = Stopwatch.StartNew();
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Resolve(configuration), cancellationToken);
        var snapshot = new KnowledgeSnapshot(knowledge);
        var loadMs = loadWatch.Elapsed.TotalMilliseconds;

        // The model loads once per process, as in the bot; --Bench:Meaning=false measures the engine without it.
        var modelWatch = Stopwatch.StartNew();
        using var encoder = configuration["Bench:Meaning"] is "false" ? null : new SentenceEncoder();
        var modelMs = modelWatch.Elapsed.TotalMilliseconds;

        // From the loaded knowledge to a searchable index: the search corpus (with its analysis), each document's
        // vector (computed, not read from a cache), then indexing both.
        var buildCount = int.TryParse(configuration["Bench:Builds"], out var b) && b > 0 ? b : encoder is null ? 6 : 3;
        var builds = new List<double>();
        DocumentVectors? vectors = null;
        for (var i = 0; i < buildCount + 1; i++)
        {
            using var fresh = new LuceneSearchIndex(path: null);
            var started = Stopwatch.GetTimestamp();
            var corpus = SearchCorpus.From(knowledge);
            vectors = encoder is null ? null : await DocumentVectors.ComputeAsync(corpus, encoder, cancellationToken);
            await fresh.EnsureCurrentAsync(corpus, vectors, cancellationToken);
            builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        builds.RemoveAt(0); // the first build pays for JIT compilation and the model's first runs

        if (vectors is not null)
        {
            snapshot.Keep(vectors);
        }
        using var index = new LuceneSearchIndex(path: null);
        await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), vectors, cancellationToken);
        // Each question is embedded afresh, as a question first asked: no cache in front of the encoder.
        var engine = new AnswerEngine(new FixedKnowledgeSource(snapshot), index, TimeProvider.System, meaning: encoder);
        var context = new QuestionContext();
        foreach (var q in questions)
        {
            await engine.AskAsync(q, context, cancellationToken);
        }

        var latencies = new List<double>(questions.Count * rounds);
        var perQuestion = questions.ToDictionary(q => q, _ => new List<double>(rounds));
        long allocated = 0;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var q in questions)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                await engine.AskAsync(q, context, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                latencies.Add(elapsed);
                perQuestion[q].Add(elapsed);
            }
        }
        latencies.Sort();
        var slowest = perQuestion.Select(p => (Question: p.Key, Median: Percentile([.. p.Value.Order()], 0.5))).OrderByDescending(x => x.Median).Take(5);
        using var process = Process.GetCurrentProcess();

        await output.WriteLineAsync($"Questions: {questions.Count} from {questionsPath}, {rounds} rounds, {latencies.Count} answers, " +
            (encoder is null ? "without the embedding model." : $"each embedded by {SentenceEncoder.ModelId} (loaded in {modelMs:F0} ms)."));
        await output.WriteLineAsync($"Answer latency (ms): p50 {Percentile(latencies, 0.50):F3}, p90 {Percentile(latencies, 0.90):F3}, " +
            $"p99 {Percentile(latencies, 0.99):F3}, max {latencies[^1]:F3}, mean {latencies.Average():F3}.");
        await output.WriteLineAsync($"Allocated per answer (managed): {allocated / latencies.Count / 1024.0:F1} KB.");
        await output.WriteLineAsync("Slowest questions (median ms): " + string.Join("; ", slowest.Select(x => $"{x.Median:F2} “{x.Question}”")));
        await output.WriteLineAsync($"Knowledge load and validation: {loadMs:F0} ms (cold, including JIT).");
        await output.WriteLineAsync($"Index build ({SearchCorpus.Of(snapshot).Documents.Count} documents{(encoder is null ? "" : ", vectors computed")}, " +
            $"after warm-up): median {Percentile([.. builds.Order()], 0.5):F1} ms, max {builds.Max():F1} ms.");
        await output.WriteLineAsync($"Resident memory: {process.WorkingSet64 / 1048576.0:F0} MB now, {process.PeakWorkingSet64 / 1048576.0:F0} MB at most; " +
            $"managed heap {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F0} MB.");
        return 0;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    // The project's own eval questions, found from the repository when run with dotnet run.
    private static string? FindDefaultQuestions()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "GmgBot.Core.Tests", "Eval", "questions.jsonl");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
