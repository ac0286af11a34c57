using GmgBot.Core.Conversation;
using System.Diagnostics;
using System.Text.Json;
using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;
using GmgBot.Host.Knowledge;

namespace GmgBot.Host.Cli;

/// <summary>
/// The host's verbs for using the bot without Teams: ask a question, validate the knowledge, inspect or
/// rebuild the search index. They share the web host's configuration and services. (Benchmarks: src/GmgBot.Benchmarks.)
/// </summary>
public static class CommandLine
{
    public static readonly IReadOnlyList<string> Verbs = ["ask", "validate", "index", "help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.OrdinalIgnoreCase);

    /// <summary>Settings overrides (--Key=Value or --Key Value) go to the host; the rest belongs to the verb.</summary>
    public static (string[] Verb, string[] Host) Split(string[] args)
    {
        var verb = new List<string>();
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Length > 2 && !KnownFlags.Contains(args[i]))
            {
                host.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    host.Add(args[++i]);
                }
                continue;
            }
            verb.Add(args[i]);
        }
        return ([.. verb], [.. host]);
    }

    private static readonly HashSet<string> KnownFlags = ["--json", "--card", "--force"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        try
        {
            return args[0].ToLowerInvariant() switch
            {
                "ask" => await AskAsync(services, args[1..], output, cancellationToken),
                "validate" => await ValidateAsync(services, args[1..], output, cancellationToken),
                "index" => await IndexAsync(services, args[1..], output, cancellationToken),
                _ => Usage(output),
            };
        }
        catch (KnowledgeValidationException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("""
            GmgBot without Teams. Usage: dotnet run --project src/GmgBot.Host -- <verb> [arguments] [--Setting=value ...]
              ask <question> [--json]    answer a question as the bot would (--json: the card too)
              validate [folder]          check the knowledge folder (schema, references, times, sources)
              index status               the search index: provider, documents per kind, content hash
              index rebuild              build the embedded index again from the knowledge
              index push                 bring the configured index (e.g. Azure AI Search) up to date
              index search <text>        the top search hits for a text
            With no verb the bot's web host starts (http://127.0.0.1:3978/api/messages).
            """);
        return 2;
    }

    private static async Task<int> AskAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var json = args.Contains("--json");
        var question = string.Join(' ', args.Where(a => a != "--json"));
        if (question.Length == 0)
        {
            await output.WriteLineAsync("ask needs a question, e.g.: ask \"Who chairs the recap session?\"");
            return 2;
        }
        await services.GetRequiredService<KnowledgeService>().ReloadAsync(publishChanges: false, cancellationToken);
        var answer = await services.GetRequiredService<AnswerEngine>().AskAsync(question, new QuestionContext(), cancellationToken);
        await output.WriteLineAsync($"[{answer.Intent}] {answer.Text}");
        if (answer.Card is { } card)
        {
            await output.WriteLineAsync(json ? card.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : $"(card: {card.FallbackText})");
        }
        return answer.Declined ? 3 : 0;
    }

    private static async Task<int> ValidateAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = args.Length > 0 ? Path.GetFullPath(args[0]) : services.GetRequiredService<KnowledgeService>().Folder;
        var result = await new KnowledgeLoader().TryLoadAsync(folder, cancellationToken);
        if (result.IsValid)
        {
            var k = result.Knowledge!;
            await output.WriteLineAsync($"{folder}: valid. {k.Sessions.Count} sessions, {k.People.Count} people, {k.Organisations.Count} organisations, " +
                $"{k.WorkingGroups.Count} working groups/task forces, {k.Sdg.Targets.Count} SDG targets, {k.Events.Count} dated events, " +
                $"{k.Facts.Count} facts, {k.Glossary.Count} abbreviations, {k.Documents.Count} documents.");
            return 0;
        }
        await output.WriteLineAsync($"{folder}: {result.Errors.Count} error(s)");
        foreach (var error in result.Errors)
        {
            await output.WriteLineAsync($"  {error}");
        }
        return 1;
    }

    private static async Task<int> IndexAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var knowledge = services.GetRequiredService<KnowledgeService>();
        var index = services.GetRequiredService<ISearchIndex>();
        switch (args.FirstOrDefault()?.ToLowerInvariant())
        {
            case "status":
            case "push":
            {
                var snapshot = await knowledge.ReloadAsync(publishChanges: false, cancellationToken);
                var status = await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), snapshot.Kept<DocumentVectors>(), cancellationToken);
                await output.WriteLineAsync($"{index.GetType().Name}: {status.DocumentCount} documents, content hash {status.ContentHash[..12]}, " +
                    $"{(status.Rebuilt ? "rebuilt" : "already current")} ({status.Elapsed.TotalMilliseconds:F0} ms).");
                foreach (var kind in SearchCorpus.Of(snapshot).Documents.GroupBy(d => d.Kind).OrderBy(g => g.Key))
                {
                    await output.WriteLineAsync($"  {kind.Key,-12} {kind.Count(),5}");
                }
                return 0;
            }
            case "rebuild":
            {
                if (index is LuceneSearchIndex)
                {
                    var folder = services.GetRequiredService<IConfiguration>()["Search:LucenePath"] ?? "data/index";
                    var path = Path.GetFullPath(folder, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
                    await output.WriteLineAsync($"Rebuilding the Lucene index in {path}.");
                }
                var snapshot = await knowledge.ReloadAsync(publishChanges: false, cancellationToken);
                var stamp = Stopwatch.StartNew();
                var status = await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot) with { ContentHash = $"{SearchCorpus.Of(snapshot).ContentHash}+rebuild" }, cancellationToken: cancellationToken);
                await index.EnsureCurrentAsync(SearchCorpus.Of(snapshot), snapshot.Kept<DocumentVectors>(), cancellationToken);
                await output.WriteLineAsync($"Rebuilt: {status.DocumentCount} documents in {stamp.ElapsedMilliseconds} ms.");
                return 0;
            }
            case "search" when args.Length > 1:
            {
                await knowledge.ReloadAsync(publishChanges: false, cancellationToken);
                var hits = await index.SearchAsync(new SearchRequest(string.Join(' ', args[1..]), Top: 10), cancellationToken);
                foreach (var hit in hits)
                {
                    var body = hit.Document.Body.Length > 100 ? hit.Document.Body[..100] + "…" : hit.Document.Body;
                    await output.WriteLineAsync($"{hit.Score,7:F2}  {hit.Document.Kind,-12} {hit.Document.Title} — {body}");
                }
                return 0;
            }
            default:
                return Usage(output);
        }
    }
}
