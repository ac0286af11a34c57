using GmgBot.Core.Answering;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Knowledge;

/// <summary>Raised when a reload replaced the knowledge; <see cref="Previous"/> lets features see what changed.</summary>
public sealed record KnowledgeChanged(KnowledgeSnapshot Previous, KnowledgeSnapshot Current);

/// <summary>
/// Loads and validates the knowledge before the bot takes requests (the host refuses to start on
/// invalid knowledge, listing every error), keeps the search index current, and reloads on request.
/// </summary>
public sealed class KnowledgeService(
    IOptions<KnowledgeOptions> options,
    IHostEnvironment environment,
    ISearchIndex index,
    ILogger<KnowledgeService> logger) : IKnowledgeSource, IHostedService
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private KnowledgeSnapshot? _current;

    public KnowledgeSnapshot Current => _current ?? throw new InvalidOperationException("The knowledge has not been loaded yet.");

    public string Folder => options.Value.ResolvePath(environment.ContentRootPath);

    /// <summary>Called after each successful reload, in registration order.</summary>
    public event Func<KnowledgeChanged, CancellationToken, Task>? Changed;

    public async Task StartAsync(CancellationToken cancellationToken) => await ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reads the knowledge folder again; on success swaps it in and tells subscribers. Invalid knowledge throws
    /// <see cref="KnowledgeValidationException"/> listing every error, and the current knowledge stays.
    /// </summary>
    public async Task<KnowledgeSnapshot> ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var knowledge = await new KnowledgeLoader().LoadAsync(Folder, cancellationToken);
            var snapshot = new KnowledgeSnapshot(knowledge, options.Value.ReplayStartDate);
            var status = await index.EnsureCurrentAsync(snapshot.Corpus, cancellationToken);
            logger.LogInformation("Knowledge loaded from {Folder}: {Sessions} sessions, {Documents} search documents, index {IndexState} in {Elapsed} ms.",
                Folder, snapshot.Knowledge.Sessions.Count, status.DocumentCount, status.Rebuilt ? "rebuilt" : "reused", status.Elapsed.TotalMilliseconds);
            var previous = _current;
            _current = snapshot;
            if (previous is not null && previous.Knowledge.ContentHash != snapshot.Knowledge.ContentHash && Changed is { } changed)
            {
                foreach (var handler in changed.GetInvocationList().Cast<Func<KnowledgeChanged, CancellationToken, Task>>())
                {
                    await handler(new KnowledgeChanged(previous, snapshot), cancellationToken);
                }
            }
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }
}
