using GmgBot.Core.Conversation;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Core.Reminders;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Core.Tests.Delivery;

/// <summary>
/// Every card the reminders, broadcasts and delivery report send, built from the shipped knowledge and written to
/// artifacts/cards/*.json, where CI checks them with the official parser (node tests/cards/validate-cards.mjs).
/// </summary>
public sealed class CardSamples(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private sealed class RemindMeOnly(TimeProvider time) : ISessionActionSource
    {
        public string Feature => ReminderCards.Feature;

        public IEnumerable<CardAction> For(ScheduledSession session) => session.Start > time.GetUtcNow() ? [ReminderCards.RemindMe(session, 15)] : [];
    }

    private Timeline Timeline => fixture.Snapshot.Timeline;

    /// <summary>Thursday 16 October 2014, 11:00 in New York: "Reducing migration costs" is on, the morning's first sessions have ended.</summary>
    private static readonly FakeTimeProvider DuringDayOne = new(new DateTimeOffset(2014, 10, 16, 15, 0, 0, TimeSpan.Zero));

    private AgendaCards Cards => new(fixture.Snapshot, new SessionActions([new RemindMeOnly(DuringDayOne)], DuringDayOne));

    private AgendaCards CardsTheDayBefore => CardsAt(new FakeTimeProvider(Timeline.EventStart.AddDays(-1)));

    private AgendaCards CardsAt(TimeProvider time) => new(fixture.Snapshot, new SessionActions([new RemindMeOnly(time)], time));

    private ScheduledSession Session => Timeline.Find("d1-migration-costs")!;

    private ScheduledSession Later => Timeline.Find("d1-inclusive-cities")!;

    private static readonly Recipient Ana = new() { ConversationId = "a:1PersonalChatWithAnaDelegate", ServiceUrl = "https://smba.example/", BotId = "28:bot", UserId = "29:ana", UserName = "Ana Delegate" };

    private static readonly StoredConversation General = new()
    {
        Snapshot = new ConversationSnapshot
        {
            ConversationId = "19:c0ffee00general@thread.tacv2", ConversationType = ConversationTypes.Channel, ServiceUrl = "https://smba.example/",
            ChannelId = "msteams", BotId = "28:bot", UserName = "Olu Organizer", TeamId = "19:c0ffee00general@thread.tacv2", TeamName = "GMG Secretariat", Name = "General",
        },
        IsInstalled = true,
    };

    private static readonly StoredConversation Planning = new()
    {
        Snapshot = new ConversationSnapshot
        {
            ConversationId = "19:meeting_planning0000@thread.v2", ConversationType = ConversationTypes.GroupChat, ServiceUrl = "https://smba.example/",
            ChannelId = "msteams", BotId = "28:bot", UserName = "Olu Organizer",
        },
        IsInstalled = true,
    };

    private Broadcast Broadcast => new("b2610160900-3fa2c1", new SessionReminder(Session.Session.Id, true), new InstalledUsers(),
        Session.Start.AddMinutes(-15), "6b3c0b3e-1111-4d3f-9a41-0000000000aa", "Olu Organizer", Ana, Session.Start.AddHours(-1));

    private Reminder AnasReminder => new(1, "29:ana", Later.Session.Id, 15, Ana, default);

    [Fact]
    public void Session_card_with_remind_me() => Write("session-remind-me", CardsTheDayBefore.Session(Session, "Europe/London"));

    [Fact]
    public void Session_card_while_it_is_on() => Write("session-now", Cards.Session(Session, null));

    [Fact]
    public void Session_card_after_it_ended_offers_the_next_session() =>
        Write("session-ended", Cards.Session(Timeline.Find("d1-decent-work")!, null));

    [Fact]
    public void Session_card_right_after_setting_a_reminder() => Write("session-reminder-set",
        Cards.Session(Later, "Europe/London", [ReminderCards.JustSet(AnasReminder, Later, Timeline)]));

    [Fact]
    public void Session_card_of_a_reminder_set_earlier() => Write("session-reminder-held",
        Cards.Session(Later, null, [ReminderCards.Offer(AnasReminder, Later, Timeline)]));

    [Fact]
    public void Session_card_right_after_cancelling_a_reminder() => Write("session-reminder-cancelled",
        Cards.Session(Later, null, [ReminderCards.JustCancelled(AnasReminder)]));

    [Fact]
    public void Schedule_of_a_day_under_way() =>
        Write("schedule-remind-me", Cards.Schedule([(Timeline.DayNumbered(1)!, [.. Timeline.OnDay(1)])], "Europe/London"));

    [Fact]
    public void Schedule_of_the_last_day() =>
        Write("schedule-day-2", CardsTheDayBefore.Schedule([(Timeline.DayNumbered(2)!, [.. Timeline.OnDay(2)])]));

    [Fact]
    public void My_reminders() => Write("my-reminders", ReminderCards.Mine(
    [
        (new Reminder(1, "29:ana", "d1-migration-costs", 15, Ana, default), Session),
        (new Reminder(2, "29:ana", "d2-recap", 60, Ana, default), Timeline.Find("d2-recap")!),
    ], Timeline, "Europe/London", Timeline.EventStart.AddDays(-1)));

    [Fact]
    public void My_reminders_right_after_cancelling_one() => Write("my-reminders-cancelled", ReminderCards.Mine(
        [(new Reminder(2, "29:ana", "d2-recap", 60, Ana, default), Timeline.Find("d2-recap")!)], Timeline, null, Timeline.EventStart.AddDays(-1),
        ("Cancelled your reminder for Reducing migration costs.", ReminderCards.UndoCancel(new Reminder(1, "29:ana", "d1-migration-costs", 15, Ana, default), ReminderVerbs.MineView))));

    [Fact]
    public void My_reminders_when_there_are_none() => Write("my-reminders-empty", ReminderCards.Mine([], Timeline, null, Timeline.EventStart));

    [Fact]
    public void Which_session() => Write("reminder-which-session", ReminderCards.WhichSession(
        [.. Timeline.Sessions.Where(s => s.Session.Title == "Coffee break")], 10, Timeline, null));

    [Fact]
    public void Broadcast_first_step() => Write("broadcast-start", BroadcastCards.Start(new AutoReminderSettings(true, 10, new InstalledUsers())));

    [Fact]
    public void Broadcast_composer() =>
        Write("broadcast-composer", BroadcastCards.Composer(new BroadcastDraft(), Timeline, [General, Planning]));

    [Fact]
    public void Broadcast_composer_of_a_schedule_with_an_error_and_no_channels() => Write("broadcast-composer-error", BroadcastCards.Composer(
        new BroadcastDraft { What = "schedule", Day = "2", When = "later", Date = "2014-10-17", Time = "08:00", BroadcastId = "b1" },
        Timeline, [], "Give the date and time to send at (New York time)."));

    [Fact]
    public void Automatic_reminders_form() => Write("broadcast-automatic", BroadcastCards.Automatic(new AutoReminderSettings(true, 10, new InstalledUsers()), [General, Planning]));

    [Fact]
    public void Broadcast_preview_of_a_session_reminder()
    {
        var draft = new BroadcastDraft { What = "session", SessionId = Session.Session.Id, Audience = "installed", BroadcastId = "b1" };
        var plan = draft.ToPlan(Timeline, Session.Start.AddMinutes(-15)).Plan!;
        var message = BotReply.WithCard(SessionReminderRenderer.Text(Session, true, Timeline, plan.DueAt),
            new AgendaCards(fixture.Snapshot, new NoSessionActions()).Session(Session, null));
        Write("broadcast-preview", BroadcastCards.Preview(draft, plan, "everyone who installed the bot", 312, message, Timeline));
    }

    [Fact]
    public void Broadcast_preview_of_a_schedule_to_nobody()
    {
        var draft = new BroadcastDraft { What = "schedule", Day = "2", Audience = "conversation", ConversationId = General.Snapshot.ConversationId, When = "later", Date = "2014-10-16", Time = "18:00" };
        var plan = draft.ToPlan(Timeline, Timeline.EventStart).Plan!;
        var day = Timeline.DayNumbered(2)!;
        var message = BotReply.WithCard("📣 From the organizers: the schedule of Day 2.",
            new AgendaCards(fixture.Snapshot, new NoSessionActions()).Schedule([(day, [.. Timeline.OnDay(2)])]));
        Write("broadcast-preview-schedule", BroadcastCards.Preview(draft, plan, "the channel", 0, message, Timeline));
    }

    [Fact]
    public void Broadcast_accepted() =>
        Write("broadcast-accepted", BroadcastCards.Accepted(Broadcast, "A reminder of “Reducing migration costs”", "everyone who installed the bot", Timeline, Broadcast.CreatedAt, alreadySent: false));

    [Fact]
    public void Delivery_report_while_sending() => Write("delivery-report-sending", BroadcastCards.Report(Broadcast, "A reminder", "everyone who installed the bot",
        new DeliveryTally(180, 16, 104, 0, 0, 0, 0), [], Timeline, Broadcast.DueAt.AddSeconds(3)));

    [Fact]
    public void Delivery_report_complete_with_failures()
    {
        OutboxRow Problem(int i, OutboxState state, string error) => new(i, new OutboxMessage
        {
            JobKey = "broadcast:b1", Recipient = Ana with { UserName = $"Delegate {i}", ConversationId = $"a:{i}" }, Content = new SessionReminder("x"), DueAt = default,
        }, state, 1, null, null, error, Broadcast.DueAt);
        Write("delivery-report-complete", BroadcastCards.Report(Broadcast, "A reminder", "everyone who installed the bot",
            new DeliveryTally(0, 0, 295, 2, 1, 1, 1),
            [
                Problem(1, OutboxState.Unreachable, "403 Forbidden: The bot is not part of the conversation roster."),
                Problem(2, OutboxState.Unreachable, "404 NotFound: Conversation not found."),
                Problem(3, OutboxState.Dead, "Gave up after 6 attempts: 503 ServiceUnavailable"),
                Problem(4, OutboxState.Unconfirmed, "The bot stopped while this message was being sent."),
                Problem(5, OutboxState.Expired, "Not sent: too late."),
            ], Timeline, Broadcast.DueAt.AddMinutes(2)));
    }

    [Fact]
    public void Delivery_report_scheduled() => Write("delivery-report-scheduled", BroadcastCards.Report(Broadcast, "A reminder", "everyone who installed the bot",
        DeliveryTally.Empty, [], Timeline, Broadcast.CreatedAt));

    [Fact]
    public void Automatic_reminders_saved() =>
        Write("automatic-reminders", BroadcastCards.AutomaticSaved(new AutoReminderSettings(true, 10, new InstalledUsers()), "everyone who installed the bot"));

    private static void Write(string name, AdaptiveCard card) => CardArtifacts.Write(name, card.ToJson());
}
