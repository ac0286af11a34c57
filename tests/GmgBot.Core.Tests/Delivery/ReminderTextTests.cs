using GmgBot.Core.Reminders;
using GmgBot.Core.Agenda;

namespace GmgBot.Core.Tests.Delivery;

/// <summary>A reminder says how soon its session starts at the moment it is sent — or, honestly, how long ago it started.</summary>
public sealed class ReminderTextTests
{
    private static readonly Timeline Agenda = new(SmallKnowledge.Build());
    private static readonly ScheduledSession Costs = Agenda.Find("costs")!; // 10:45 New York time, Room 6

    [Fact]
    public void On_time_it_says_how_soon()
    {
        var text = SessionReminderRenderer.Text(Costs, fromOrganizers: false, Agenda, Costs.Start.AddMinutes(-15));

        Assert.Equal("⏰ **Reducing migration costs** starts in 15 minutes (10:45 New York time, Room 6).", text);
    }

    [Fact]
    public void Late_it_says_how_long_ago_the_session_started_and_apologises()
    {
        var text = SessionReminderRenderer.Text(Costs, fromOrganizers: false, Agenda, Costs.Start.AddMinutes(7));

        Assert.StartsWith("⏰ **Reducing migration costs** started 7 minutes ago (10:45 New York time, Room 6).", text, StringComparison.Ordinal);
        Assert.Contains("Sorry this reminder is late", text, StringComparison.Ordinal);
    }

    [Fact]
    public void At_the_start_it_says_it_is_starting_now() =>
        Assert.Contains("is starting now", SessionReminderRenderer.Text(Costs, false, Agenda, Costs.Start.AddSeconds(20)), StringComparison.Ordinal);

    [Fact]
    public void An_organizers_reminder_says_who_sends_it() =>
        Assert.StartsWith("📣 Reminder from the organizers: **Reducing migration costs** starts in 1 hour",
            SessionReminderRenderer.Text(Costs, true, Agenda, Costs.Start.AddHours(-1)), StringComparison.Ordinal);
}
