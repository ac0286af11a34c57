using System.Threading.Channels;
using GmgBot.Core.Agenda;
using Microsoft.Extensions.Options;

namespace GmgBot.Host.Calendar;

/// <summary>
/// Keeps the Outlook events in step with the agenda: a pass at start (the organizer calendar fills itself, and
/// whatever a crash left undone is finished), and one after each knowledge load that changed sessions. The change
/// handler only wakes the worker: a slow or unreachable Graph must not hold up the bot's start or a reload, and the
/// pass works from stored state, so nothing is lost if the process stops in between.
/// </summary>
public sealed class OutlookCalendarSync(IOptions<GraphOptions> options, IServiceProvider services, ILogger<OutlookCalendarSync> logger)
    : BackgroundService, IAgendaChangeHandler
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _pass = new(1, 1);

    public Task OnAgendaChangedAsync(IReadOnlyList<SessionChange> changes, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _wake.Writer.TryWrite(true);
        }
        return Task.CompletedTask;
    }

    /// <summary>One pass, now (passes never overlap); null when Graph is off.</summary>
    public async Task<SyncReport?> SyncAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<Core.Calendar.IOutlookCalendar>() is not OutlookCalendar outlook)
        {
            return null;
        }
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var report = await outlook.SyncAsync(cancellationToken);
            logger.LogInformation("Outlook calendars synchronised with the agenda: {Report}.", report);
            return report;
        }
        finally
        {
            _pass.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        _wake.Writer.TryWrite(true);
        await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Synchronising the Outlook calendars failed; the next agenda change or restart tries again.");
            }
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }
}
