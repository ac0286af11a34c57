using System.Diagnostics;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Knowledge;

/// <summary>
/// Loads and validates the knowledge before the bot takes requests (the host refuses to start on invalid
/// knowledge, listing every error), keeps the search index current, and tells the agenda-change handlers
/// which sessions changed since the knowledge was last published, across restarts.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeOptions> options,
    IHostEnvironment environment,
    ISearchIndex index,
    ISessionVersionStore versions,
    IEnumerable<IAgendaChangeHandler> changeHandlers,
    ILogger<KnowledgeService> logger,
    DocumentVectorCache? meaning = null) : IKnowledgeSource, IHostedService
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private KnowledgeSnapshot? _current;

    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge has not been loaded yet.");

    public string Folder => options.Value.ResolvePath(environment.ContentRootPath);

    public async Task StartAsync(CancellationToken cancellationToken) => await ReloadAsync(publishChanges: true, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reads the knowledge folder again and swaps it in. With <paramref name="publishChanges"/> the sessions that
    /// changed since the last publication are stored and handed to the change handlers (the command-line verbs
    /// only read). Invalid knowledge throws <see cref="KnowledgeValidationException"/> listing every error, and the
    /// current knowledge stays.
    /// </summary>
    public async Task<KnowledgeSnapshot> ReloadAsync(bool publishChanges, CancellationToken cancellationToken = default)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var knowledge = await new KnowledgeLoader().LoadAsync(Folder, cancellationToken);
            var snapshot = new KnowledgeSnapshot(knowledge, options.Value.ReplayStartDate);
            var corpus = SearchCorpus.Of(snapshot);
            DocumentVectors? vectors = null;
            if (meaning is not null)
            {
                var started = Stopwatch.GetTimestamp();
                (vectors, var computed) = await meaning.EnsureAsync(corpus, cancellationToken);
                snapshot.Keep(vectors);
                logger.LogInformation("Document vectors ({Model}): {Count} {State} in {Elapsed} ms.",
                    vectors.ModelId, vectors.Ids.Count, computed ? "computed" : "read", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            var status = await index.EnsureCurrentAsync(corpus, vectors, cancellationToken);
            logger.LogInformation("Knowledge loaded from {Folder}: {Sessions} sessions, {Documents} search documents, index {IndexState} in {Elapsed} ms.",
                Folder, snapshot.Knowledge.Sessions.Count, status.DocumentCount, status.Rebuilt ? "rebuilt" : "reused", status.Elapsed.TotalMilliseconds);
            _current = snapshot;
            if (publishChanges)
            {
                await PublishChangesAsync(snapshot, cancellationToken);
            }
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task PublishChangesAsync(KnowledgeSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (current, changes) = AgendaChanges.Between(await versions.LoadAsync(cancellationToken), snapshot.Timeline);
        if (changes.Count == 0)
        {
            return;
        }
        await versions.SaveAsync(current, cancellationToken);
        logger.LogInformation("Agenda changes since the last load: {Changes}.",
            string.Join(", ", changes.Select(c => $"{c.After?.SessionId ?? c.Before!.SessionId}{(c.Added ? " added" : c.Removed ? " removed" : " changed")}")));
        foreach (var handler in changeHandlers)
        {
            // One feature failing to follow a change must not stop the others, nor the bot from starting.
            try
            {
                await handler.OnAgendaChangedAsync(changes, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Handler} could not follow the agenda changes.", handler.GetType().Name);
            }
        }
    }
}
