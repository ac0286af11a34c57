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

        var builds = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            using var fresh = new LuceneSearchIndex(path: null);
            var started = Stopwatch.GetTimestamp();
            // From the loaded knowledge to a searchable index: the search corpus (with its analysis), then indexing.
            await fresh.EnsureCurrentAsync(SearchCorpus.From(knowledge), cancellationToken: cancellationToken);
            builds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        builds.RemoveAt(0); // the first build pays for JIT compilation

        using var index = new LuceneSearchIndex(path: null);
        await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), cancellationToken: cancellationToken);
        var engine = new AnswerEngine(new FixedKnowledgeSource(snapshot), index, TimeProvider.System);
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

        await output.WriteLineAsync($"Questions: {questions.Count} from {questionsPath}, {rounds} rounds, {latencies.Count} answers.");
        await output.WriteLineAsync($"Answer latency (ms): p50 {Percentile(latencies, 0.50):F3}, p90 {Percentile(latencies, 0.90):F3}, " +
            $"p99 {Percentile(latencies, 0.99):F3}, max {latencies[^1]:F3}, mean {latencies.Average():F3}.");
        await output.WriteLineAsync($"Allocated per answer: {allocated / latencies.Count / 1024.0:F1} KB.");
        await output.WriteLineAsync("Slowest questions (median ms): " + string.Join("; ", slowest.Select(x => $"{x.Median:F2} “{x.Question}”")));
        await output.WriteLineAsync($"Knowledge load and validation: {loadMs:F0} ms (cold, including JIT).");
        await output.WriteLineAsync($"Index build ({SearchCorpus.Of(snapshot).Documents.Count} documents, after warm-up): median {Percentile([.. builds.Order()], 0.5):F1} ms, max {builds.Max():F1} ms.");
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
