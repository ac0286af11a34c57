using GmgBot.Core.Agenda;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GmgBot.Core.Organizers;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>
/// The delivery engine as the host runs it (a BackgroundService on a FakeTimeProvider): it sleeps exactly until the
/// next row is due — no polling interval — and an enqueue wakes it at once.
/// </summary>
public sealed class EngineLoopTests : IAsyncLifetime
{
    private DeliveryWorld _world = null!;

    public async Task InitializeAsync() => _world = await DeliveryWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + 10 * TimeProvider.System.TimestampFrequency;
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited 10 s for {what}.");
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_engine_sleeps_until_the_reminder_is_due_and_sends_it_at_that_minute()
    {
        var bot = _world.StartBot(engine: true);
        var sleeps = Channel.CreateUnbounded<DateTimeOffset>();
        bot.Engine.Sleeping += until => sleeps.Writer.TryWrite(until);
        var due = bot.Services.GetRequiredService<IKnowledgeSource>().Current.Timeline.Find("d1-migration-costs")!.Start.AddMinutes(-15);

        await bot.PostAsync(TeamsUser.Ana.Message(_world, "remind me about reducing migration costs"));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (await sleeps.Reader.ReadAsync(timeout.Token) != due)
            {
                // Earlier sleeps: before the reminder existed, the engine slept its longest.
            }
        }
        Assert.Empty(_world.Proactive(TeamsUser.Ana.ConversationId));

        // Before the minute, a pass of the engine finds nothing due (its timer is set for the due minute, asserted above).
        _world.SetClock(due.AddHours(-3));
        Assert.Equal(0, await bot.Engine.RunDueAsync(CancellationToken.None));
        _world.SetClock(due.AddSeconds(-1));
        Assert.Equal(0, await bot.Engine.RunDueAsync(CancellationToken.None));
        Assert.Empty(_world.Proactive(TeamsUser.Ana.ConversationId));

        _world.SetClock(due);
        await WaitUntilAsync(() => _world.Proactive(TeamsUser.Ana.ConversationId).Count == 1, "the reminder");
        Assert.Contains("starts in 15 minutes", _world.Proactive(TeamsUser.Ana.ConversationId)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broadcast_wakes_the_sleeping_engine_at_once()
    {
        var bot = _world.StartBot(engine: true);
        foreach (var n in Enumerable.Range(1, 3))
        {
            await bot.PostAsync(TeamsUser.Delegate(n).Install(_world));
        }
        var draft = new JsonObject { ["what"] = "schedule", ["day"] = "1", ["audience"] = "installed", ["when"] = "now", ["broadcastId"] = "b-wake" };

        await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Send, draft);

        await WaitUntilAsync(() => Enumerable.Range(1, 3).All(n => _world.Proactive(TeamsUser.Delegate(n).ConversationId).Count == 1)
            && _world.Delivered().Any(d => d.Method == "PUT" && DeliveryWorld.Json(d.Activity.Attachments![0].Content!).Contains("Complete: delivered to all 4 recipients.", StringComparison.Ordinal)),
            "the broadcast and its final report");
    }
}
