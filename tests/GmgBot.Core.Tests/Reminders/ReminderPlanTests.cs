using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Core.Reminders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Core.Tests.Reminders;

/// <summary>When a reminder's outbox row is due, and until when it is still worth sending.</summary>
public sealed class ReminderPlanTests
{
    private static readonly Timeline Agenda = new(SmallKnowledge.Build());
    private static readonly ScheduledSession Opening = Agenda.Find("open")!; // Day 1, 09:00–10:30 New York time
    private static readonly Recipient Ana = new() { ConversationId = "a:ana", ServiceUrl = "https://smba.example/", BotId = "28:bot", UserId = "29:ana" };

    private static ReminderScheduler Scheduler(DateTimeOffset now, TimeSpan? grace = null) => new(
        Mock.Of<IReminderStore>(), Mock.Of<IOutbox>(),
        Options.Create(new RemindersOptions { LateGrace = grace ?? TimeSpan.FromMinutes(10) }),
        new FakeTimeProvider(now), NullLogger<ReminderScheduler>.Instance);

    [Fact]
    public void A_reminder_is_due_its_lead_time_before_the_start_and_expires_after_the_grace()
    {
        var plan = Scheduler(Opening.Start.AddDays(-1)).Plan(new Reminder(7, "29:ana", "open", 15, Ana, default), Opening)!;

        Assert.Equal(Opening.Start.AddMinutes(-15), plan.DueAt);
        Assert.Equal(Opening.Start.AddMinutes(10), plan.NotAfter);
        Assert.Equal(JobKeys.Reminder(7, Opening.Start), plan.JobKey);
        Assert.Equal("reminder:7@20141016T1300Z", plan.JobKey);
        Assert.Equal(new SessionReminder("open"), plan.Content);
    }

    [Fact]
    public void A_moved_session_gives_the_reminder_another_job_key_so_it_is_sent_again_for_the_new_time()
    {
        var scheduler = Scheduler(Opening.Start.AddDays(-1));
        var reminder = new Reminder(7, "29:ana", "open", 15, Ana, default);
        var moved = Opening with { Start = Opening.Start.AddHours(2), End = Opening.End.AddHours(2) };

        Assert.NotEqual(scheduler.Plan(reminder, Opening)!.JobKey, scheduler.Plan(reminder, moved)!.JobKey);
        Assert.StartsWith(JobKeys.ReminderPrefix(7), scheduler.Plan(reminder, moved)!.JobKey, StringComparison.Ordinal);
    }

    [Fact]
    public void No_row_is_planned_once_the_grace_after_the_start_has_passed()
    {
        var reminder = new Reminder(7, "29:ana", "open", 15, Ana, default);

        Assert.NotNull(Scheduler(Opening.Start.AddMinutes(9)).Plan(reminder, Opening));
        Assert.Null(Scheduler(Opening.Start.AddMinutes(11)).Plan(reminder, Opening));
    }

    [Fact]
    public void The_grace_never_reaches_past_the_end_of_the_session()
    {
        var recap = Agenda.Find("recap")!; // 30 minutes long

        Assert.Equal(recap.End, Scheduler(recap.Start.AddDays(-1), TimeSpan.FromHours(1)).LatestSend(recap));
    }

    [Fact]
    public void Automatic_reminders_skip_breaks_and_meals_and_fan_out_to_the_chosen_audience()
    {
        var knowledge = SmallKnowledge.Build([
            SmallKnowledge.Session("talk", 1, "09:00", "10:00", "A talk"),
            SmallKnowledge.Session("coffee", 1, "10:00", "10:15", "Coffee break") with { Kind = GmgBot.Core.Knowledge.SessionKind.Break },
        ]);
        var timeline = new Timeline(knowledge);
        var scheduler = Scheduler(timeline.EventStart.AddDays(-1));
        var auto = new AutoReminderSettings(true, 20, new InstalledUsers());

        var automatic = new AutomaticReminders(Mock.Of<IOrganizerSettings>(), Mock.Of<IOutbox>(), scheduler, new FakeTimeProvider(timeline.EventStart.AddDays(-1)),
            NullLogger<AutomaticReminders>.Instance);

        var talk = automatic.Plan(auto, timeline.Find("talk")!)!;

        Assert.Null(automatic.Plan(auto, timeline.Find("coffee")!));
        Assert.Equal((OutboxKind.FanOut, timeline.Find("talk")!.Start.AddMinutes(-20)), (talk.Kind, talk.DueAt));
        Assert.IsType<InstalledUsers>(talk.Audience);
        Assert.Equal(new SessionReminder("talk", FromOrganizers: true), talk.Content);
    }
}
