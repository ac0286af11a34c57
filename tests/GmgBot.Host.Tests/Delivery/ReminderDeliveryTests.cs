using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>
/// Delegates' reminders end to end on a FakeTimeProvider: set by a real Teams message, stored in SQLite, sent by the
/// delivery engine to the local connector at their minute — once, across restarts, moved with their session, late
/// only within the grace period.
/// </summary>
public sealed class ReminderDeliveryTests : IAsyncLifetime
{
    private const string Costs = "d1-migration-costs";
    private DeliveryWorld _world = null!;

    public async Task InitializeAsync() => _world = await DeliveryWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static ScheduledSession Session(BotProcess bot, string id = Costs) =>
        bot.Services.GetRequiredService<IKnowledgeSource>().Current.Timeline.Find(id)!;

    private async Task<ScheduledSession> RemindAnaAsync(BotProcess bot, string text = "remind me about reducing migration costs 15 minutes before")
    {
        await bot.PostAsync(TeamsUser.Ana.Message(_world, text));
        return Session(bot);
    }

    private IReadOnlyList<Activity> ToAna => _world.Proactive(TeamsUser.Ana.ConversationId);

    [Fact]
    public async Task A_reminder_fires_once_at_its_minute_with_the_session_card()
    {
        var bot = _world.StartBot();
        var session = await RemindAnaAsync(bot);
        var due = session.Start.AddMinutes(-15);

        var confirmation = Assert.Single(_world.Delivered());
        Assert.Equal("1741598102123", confirmation.ReplyTo);
        Assert.StartsWith("Reminder set: 15 minutes before Reducing migration costs, at 10:30 New York time.",
            confirmation.Activity.Text, StringComparison.Ordinal);

        _world.SetClock(due.AddMinutes(-1));
        await bot.DeliverDueAsync();
        Assert.Empty(ToAna);

        _world.SetClock(due);
        await bot.DeliverDueAsync();
        var reminder = Assert.Single(ToAna);
        Assert.Equal("⏰ Reducing migration costs starts in 15 minutes (10:45 New York time, Conference Room 6).", reminder.Text);
        var card = Assert.Single(reminder.Attachments!);
        Assert.Contains("Reducing migration costs", card.Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal((TeamsUser.Ana.Id, DeliveryWorld.BotId), (reminder.Recipient!.Id, reminder.From!.Id));

        _world.Time.Advance(TimeSpan.FromMinutes(1));
        await bot.DeliverDueAsync();
        await _world.StartBot().DeliverDueAsync();
        Assert.Single(ToAna);
    }

    [Fact]
    public async Task A_restart_between_scheduling_and_firing_loses_nothing()
    {
        var first = _world.StartBot();
        var session = await RemindAnaAsync(first);
        await first.DisposeAsync();

        var second = _world.StartBot();
        _world.SetClock(session.Start.AddMinutes(-15));
        await second.DeliverDueAsync();

        Assert.Contains("starts in 15 minutes", Assert.Single(ToAna).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_due_while_the_bot_was_down_goes_late_within_the_grace_saying_so()
    {
        var bot = _world.StartBot();
        var session = await RemindAnaAsync(bot);
        await bot.DisposeAsync();

        _world.SetClock(session.Start.AddMinutes(5));
        await _world.StartBot().DeliverDueAsync();

        var late = Assert.Single(ToAna);
        Assert.StartsWith("⏰ Reducing migration costs started 5 minutes ago (10:45 New York time, Conference Room 6). Sorry this reminder is late",
            late.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_due_while_the_bot_was_down_is_dropped_after_the_grace_and_never_sent()
    {
        var bot = _world.StartBot(new Dictionary<string, string?> { ["Reminders:LateGrace"] = "00:10:00" });
        var session = await RemindAnaAsync(bot);
        await bot.DisposeAsync();

        _world.SetClock(session.Start.AddMinutes(11));
        var restarted = _world.StartBot();
        await restarted.DeliverDueAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        await restarted.DeliverDueAsync();

        Assert.Empty(ToAna);
        var row = Assert.Single(await restarted.Outbox.RowsAsync(JobKeys.Reminder(1, session.Start), CancellationToken.None));
        Assert.Equal(OutboxState.Expired, row.State);
        Assert.Contains("too late to be of use", row.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moved_session_reschedules_its_reminders_and_tells_each_subscriber_once()
    {
        var knowledge = CopyKnowledge();
        var settings = new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge };
        var first = _world.StartBot(settings);
        var before = await RemindAnaAsync(first);
        await first.DisposeAsync();

        MoveSession(knowledge, Costs, "10:45", "11:00");
        var moved = _world.StartBot(settings);
        await moved.DeliverDueAsync();
        var after = Session(moved);
        Assert.Equal(before.Start.AddMinutes(15), after.Start);

        var notice = Assert.Single(ToAna);
        Assert.Equal("🔔 Reducing migration costs, a session you follow, has changed: now Day 1 (Thu 12 Mar) 11:00–12:15 New York time "
            + "(was Day 1 (Thu 12 Mar) 10:45–12:15 New York time).", notice.Text);

        _world.SetClock(before.Start.AddMinutes(-15));
        await moved.DeliverDueAsync();
        Assert.Single(ToAna);

        _world.SetClock(after.Start.AddMinutes(-15));
        await moved.DeliverDueAsync();
        await _world.StartBot(settings).DeliverDueAsync();
        Assert.Equal(2, ToAna.Count);
        Assert.Equal("⏰ Reducing migration costs starts in 15 minutes (11:00 New York time, Conference Room 6).", ToAna[1].Text);
    }

    [Fact]
    public async Task Cards_already_sent_are_updated_in_place_when_their_session_changes()
    {
        var knowledge = CopyKnowledge();
        var settings = new Dictionary<string, string?> { ["Knowledge:Path"] = knowledge };
        var first = _world.StartBot(settings);
        var session = await RemindAnaAsync(first);
        _world.SetClock(session.Start.AddMinutes(-15));
        await first.DeliverDueAsync();
        var sent = _world.Delivered().Single(d => d.ConversationId == TeamsUser.Ana.ConversationId && d.ReplyTo is null);
        await first.DisposeAsync();

        MoveSession(knowledge, Costs, "10:45", "11:00");
        await _world.StartBot(settings).DeliverDueAsync();

        var update = Assert.Single(_world.Delivered(), d => d.Method == "PUT");
        Assert.Equal(TeamsUser.Ana.ConversationId, update.ConversationId);
        Assert.StartsWith("activity-", update.ActivityId, StringComparison.Ordinal);
        Assert.Contains("11:00–12:15", update.Activity.Text, StringComparison.Ordinal);
        Assert.Contains("Reducing migration costs", Assert.Single(update.Activity.Attachments!).Content!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(sent.Activity);
    }

    [Fact]
    public async Task Reminders_follow_the_replay_setting()
    {
        var bot = _world.StartBot(new Dictionary<string, string?> { ["Knowledge:ReplayStartDate"] = "2026-03-13" });
        var session = await RemindAnaAsync(bot);

        Assert.Equal(new DateTimeOffset(2026, 3, 13, 10, 45, 0, TimeSpan.FromHours(-4)), session.Start);
        _world.SetClock(session.Start.AddMinutes(-15));
        await bot.DeliverDueAsync();
        Assert.Single(ToAna);
    }

    private string CopyKnowledge()
    {
        var target = Path.Combine(_world.Folder, "knowledge");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "knowledge"), "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "knowledge"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    // What an organizer does: edit the session's start in sessions.yaml and restart the bot.
    private static void MoveSession(string knowledge, string sessionId, string from, string to)
    {
        var path = Path.Combine(knowledge, "sessions.yaml");
        var yaml = File.ReadAllText(path);
        var at = yaml.IndexOf($"- id: {sessionId}\n", StringComparison.Ordinal);
        var start = yaml.IndexOf($"start: \"{from}\"", at, StringComparison.Ordinal);
        File.WriteAllText(path, yaml[..start] + $"start: \"{to}\"" + yaml[(start + $"start: \"{from}\"".Length)..]);
    }
}
