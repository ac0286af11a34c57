using GmgBot.Core.Agenda;
using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;
using GmgBot.Host.Delivery;
using Microsoft.AspNetCore.Http;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>
/// Organizers' broadcasts through real Teams activities (messages, Action.Submit, adaptiveCard/action invokes): only
/// organizers may, each recipient gets the message once, the delivery report updates in place, failures are
/// classified by Teams' rules, and a send in flight at a crash is reported, never resent blindly.
/// </summary>
public sealed class BroadcastTests : IAsyncLifetime
{
    private const string Costs = "d1-migration-costs";
    private DeliveryWorld _world = null!;

    public async Task InitializeAsync() => _world = await DeliveryWorld.CreateAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private static JsonObject SessionReminderToEveryone() => new()
    {
        ["what"] = "session", ["sessionId"] = Costs, ["audience"] = "installed", ["when"] = "now",
    };

    private async Task<IReadOnlyList<TeamsUser>> InstallAsync(BotProcess bot, int count)
    {
        var users = Enumerable.Range(1, count).Select(TeamsUser.Delegate).ToList();
        foreach (var user in users)
        {
            Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(user.Install(_world))).StatusCode);
        }
        return users;
    }

    private static JsonObject Card(JsonObject invokeResponse)
    {
        Assert.Equal(200, invokeResponse["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse["type"]!.GetValue<string>());
        return invokeResponse["value"]!.AsObject();
    }

    private static JsonObject ActionData(JsonObject card, string title) =>
        card["actions"]?.AsArray().SingleOrDefault(a => a!["title"]!.GetValue<string>() == title)?["data"]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"No action \"{title}\" on the card: {card.ToJsonString()}");

    private async Task<string> SendAsync(BotProcess bot, JsonObject draft)
    {
        var preview = Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Preview, draft));
        var send = ActionData(preview, draft["when"]!.GetValue<string>() == "now" ? "Send now" : "Schedule");
        var accepted = DeliveryWorld.Json(Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Send, send)));
        Assert.Contains(draft["when"]!.GetValue<string>() == "now" ? "\"Sending\"" : "\"Scheduled\"", accepted, StringComparison.Ordinal);
        return send["broadcastId"]!.GetValue<string>();
    }

    private JsonObject LastReport()
    {
        var report = _world.Delivered().Last(d => d.ConversationId == TeamsUser.Olu.ConversationId && d.ReplyTo is null
            && d.Activity.Text?.StartsWith("Delivery report", StringComparison.Ordinal) == true);
        return Assert.Single(report.Activity.Attachments!).Content!.AsObject();
    }

    [Fact]
    public async Task Someone_who_is_not_an_organizer_is_refused_politely_and_nothing_is_sent()
    {
        var bot = _world.StartBot();
        await InstallAsync(bot, 2);

        await bot.PostAsync(TeamsUser.Ana.Message(_world, "broadcast"));
        var refusal = _world.Delivered().Last(d => d.ConversationId == TeamsUser.Ana.ConversationId).Activity;
        Assert.StartsWith("Sorry, only the meeting's organizers can send broadcasts", refusal.Text, StringComparison.Ordinal);
        Assert.Contains(TeamsUser.Ana.AadObjectId, refusal.Text, StringComparison.Ordinal);
        Assert.Empty(refusal.Attachments ?? []);

        var draft = SessionReminderToEveryone();
        draft["broadcastId"] = "b-forged";
        var execute = await bot.ExecuteAsync(TeamsUser.Ana, BroadcastVerbs.Send, draft);
        Assert.Equal("application/vnd.microsoft.activity.message", execute["type"]!.GetValue<string>());
        Assert.StartsWith("Sorry, only the meeting's organizers", execute["value"]!.GetValue<string>(), StringComparison.Ordinal);

        await bot.PostAsync(TeamsUser.Ana.Submit(_world, BroadcastVerbs.Send, draft));
        await bot.PostAsync(TeamsUser.Ana.Submit(_world, BroadcastVerbs.Automatic, new JsonObject { ["autoEnabled"] = "true", ["autoLead"] = "10" }));
        await bot.DeliverDueAsync();

        Assert.Null(await bot.Services.GetRequiredService<IBroadcastStore>().FindAsync("b-forged", CancellationToken.None));
        Assert.False((await bot.Services.GetRequiredService<IOrganizerSettings>().GetAutoRemindersAsync(CancellationToken.None)).Enabled);
        Assert.All(_world.Delivered().Where(d => d.ReplyTo is null), d => Assert.Equal(TeamsUser.Ana.ConversationId, d.ConversationId));
        // "broadcast" typed, then the two Action.Submit presses: three refusals (the Action.Execute one came in its invoke response).
        Assert.Equal(3, _world.Delivered().Count(d => d.ConversationId == TeamsUser.Ana.ConversationId && d.Activity.Text?.StartsWith("Sorry, only", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task An_organizer_composes_previews_and_sends_and_every_installed_user_gets_it_once_with_a_live_report()
    {
        var bot = _world.StartBot();
        var delegates = await InstallAsync(bot, 5);

        await bot.PostAsync(TeamsUser.Olu.Message(_world, "broadcast"));
        var start = Assert.Single(_world.Delivered().Last(d => d.ConversationId == TeamsUser.Olu.ConversationId).Activity.Attachments!).Content!.AsObject();
        var choice = CardTree.Descendants(start).Single(o => o["selectAction"]?["data"]?["what"]?.GetValue<string>() == "session")["selectAction"]!;
        var composer = DeliveryWorld.Json(Card(await bot.ExecuteAsync(TeamsUser.Olu, choice["verb"]!.GetValue<string>(), choice["data"]!.AsObject())));
        // Only what a session reminder needs: the session and who gets it; a date and time only behind "Schedule…".
        Assert.Contains("\"id\":\"sessionId\"", composer, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"day\"", composer, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Schedule…\"", composer, StringComparison.Ordinal);

        var preview = Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Preview, SessionReminderToEveryone()));
        Assert.Contains("Everyone who installed the bot: 6 recipients now", DeliveryWorld.Json(preview), StringComparison.Ordinal);
        Assert.Contains("Reminder from the organizers: **Reducing migration costs** starts in", DeliveryWorld.Json(preview), StringComparison.Ordinal);
        var send = ActionData(preview, "Send now");

        var accepted = Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Send, send));
        var again = Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Send, send));
        Assert.Contains("Sending", DeliveryWorld.Json(accepted), StringComparison.Ordinal);
        Assert.Contains("Already sent", DeliveryWorld.Json(again), StringComparison.Ordinal);

        await bot.DeliverDueAsync();

        foreach (var user in delegates.Append(TeamsUser.Olu))
        {
            var reminder = Assert.Single(_world.Proactive(user.ConversationId), a => a.Text!.Contains("Reminder from the organizers", StringComparison.Ordinal));
            Assert.Equal(user.Id, reminder.Recipient!.Id);
        }
        var report = LastReport();
        Assert.Contains("Complete: delivered to all 6 recipients.", DeliveryWorld.Json(report), StringComparison.Ordinal);
        var updates = _world.Delivered().Where(d => d.Method == "PUT" && d.ConversationId == TeamsUser.Olu.ConversationId).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(updates[0].ActivityId, u.ActivityId));
        Assert.Contains("Complete: delivered to all 6 recipients.", DeliveryWorld.Json(updates[^1].Activity.Attachments![0].Content!), StringComparison.Ordinal);
        // A finished broadcast's report is up to date, so the reporter keeps nothing about it in memory.
        Assert.Equal(0, bot.Services.GetRequiredService<BroadcastReporter>().TrackedReports);
    }

    [Fact]
    public async Task Action_submit_from_older_clients_updates_the_card_and_sends_the_same_way()
    {
        var bot = _world.StartBot();
        await InstallAsync(bot, 2);
        var draft = SessionReminderToEveryone();
        draft["broadcastId"] = "b-submit";

        await bot.PostAsync(TeamsUser.Olu.Submit(_world, BroadcastVerbs.Send, draft));
        await bot.PostAsync(TeamsUser.Olu.Submit(_world, BroadcastVerbs.Send, draft));
        await bot.DeliverDueAsync();

        var cardUpdates = _world.Delivered().Where(d => d.Method == "PUT" && d.ActivityId == "card-message-1").ToList();
        Assert.Equal(2, cardUpdates.Count);
        Assert.Contains("Sending", DeliveryWorld.Json(cardUpdates[0].Activity.Attachments![0].Content!), StringComparison.Ordinal);
        Assert.Contains("Already sent", DeliveryWorld.Json(cardUpdates[1].Activity.Attachments![0].Content!), StringComparison.Ordinal);
        Assert.Equal(3, _world.Delivered().Count(d => d.ReplyTo is null && d.Method == "POST" && d.Activity.Text!.Contains("Reminder from the organizers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_scheduled_schedule_goes_to_a_channel_at_its_time()
    {
        var bot = _world.StartBot();
        await bot.PostAsync(ChannelInstall());
        var draft = new JsonObject
        {
            ["what"] = "schedule", ["day"] = "1", ["audience"] = "conversation", ["conversationId"] = "19:general@thread.tacv2",
            ["when"] = "later", ["date"] = "2026-03-12", ["time"] = "07:30",
        };
        await SendAsync(bot, draft);
        await bot.DeliverDueAsync();
        Assert.Contains("Scheduled for Thu 12 Mar 2026 07:30 New York time", DeliveryWorld.Json(LastReport()), StringComparison.Ordinal);
        Assert.Empty(_world.Proactive("19:general@thread.tacv2"));

        _world.SetClock(new DateTimeOffset(2026, 3, 12, 11, 30, 0, TimeSpan.Zero));
        await bot.DeliverDueAsync();

        var schedule = Assert.Single(_world.Proactive("19:general@thread.tacv2"));
        Assert.StartsWith("📣 From the organizers: the schedule of Day 1, Thursday 12 March 2026", schedule.Text, StringComparison.Ordinal);
        Assert.Contains("Complete: delivered to the one recipient.", DeliveryWorld.Json(LastReport()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_answers_decide_retry_unreachable_or_dead_letter_and_the_report_lists_the_failures()
    {
        var bot = _world.StartBot(new Dictionary<string, string?> { ["Delivery:MaxAttempts"] = "3" });
        var users = await InstallAsync(bot, 4);
        _world.Script(users[0].ConversationId, DeliveryWorld.Status(HttpStatusCode.TooManyRequests, retryAfterSeconds: 30));
        _world.Script(users[1].ConversationId, DeliveryWorld.Status(HttpStatusCode.Forbidden));
        _world.Script(users[2].ConversationId, Enumerable.Repeat(DeliveryWorld.Status(HttpStatusCode.ServiceUnavailable), 3).ToArray());
        _world.Script(users[3].ConversationId, DeliveryWorld.Status(HttpStatusCode.BadRequest));

        int Attempts(TeamsUser user) => _world.Delivered().Count(d => d.ConversationId == user.ConversationId && d.ReplyTo is null);
        await SendAsync(bot, SessionReminderToEveryone());
        await bot.DeliverDueAsync();
        _world.Time.Advance(TimeSpan.FromSeconds(20));
        await bot.DeliverDueAsync();
        // The 503 is retried after the back-off (5 s here); the 429 waits for its Retry-After of 30 s.
        Assert.Equal((1, 2), (Attempts(users[0]), Attempts(users[2])));
        for (var i = 0; i < 6; i++)
        {
            _world.Time.Advance(TimeSpan.FromSeconds(31));
            await bot.DeliverDueAsync();
        }

        Assert.Single(_world.Proactive(users[0].ConversationId).Skip(1));
        Assert.Equal((2, 1, 3, 1), (Attempts(users[0]), Attempts(users[1]), Attempts(users[2]), Attempts(users[3])));
        var rows = await bot.Outbox.RowsAsync(JobKeys.Broadcast(FirstBroadcastId()), CancellationToken.None);
        OutboxState StateOf(TeamsUser user) => rows.Single(r => r.Message.Recipient!.UserId == user.Id).State;
        Assert.Equal(
            (OutboxState.Sent, OutboxState.Unreachable, OutboxState.Dead, OutboxState.Dead),
            (StateOf(users[0]), StateOf(users[1]), StateOf(users[2]), StateOf(users[3])));

        var report = DeliveryWorld.Json(LastReport());
        Assert.Contains("Complete: delivered to 2 of 5; 3 did not get it (see below).", report, StringComparison.Ordinal);
        Assert.Contains("Delegate 2: can't be reached: the bot was removed there, or the person left", report, StringComparison.Ordinal);
        Assert.Contains("Delegate 3: failed: Teams kept refusing it", report, StringComparison.Ordinal);
        Assert.Contains("Delegate 4: failed", report, StringComparison.Ordinal);
        // Words, not HTTP codes: the log keeps those.
        Assert.DoesNotMatch(@"\b(400|403|503)\b", report);
    }

    [Fact]
    public async Task A_send_in_flight_when_the_bot_dies_is_reported_unconfirmed_never_resent_until_an_organizer_asks()
    {
        var first = _world.StartBot();
        var users = await InstallAsync(first, 3);
        var id = await SendAsync(first, SessionReminderToEveryone());
        // The engine's steps up to the moment the process dies: fan out, claim, mark one send in flight... and no more.
        await first.Engine.StartUpAsync(CancellationToken.None);
        var outbox = first.Outbox;
        var fanOut = Assert.Single(await outbox.ClaimAsync("test-instance", 10, TimeSpan.FromMinutes(1), CancellationToken.None), r => r.Message.Kind == OutboxKind.FanOut);
        await outbox.MarkInFlightAsync(fanOut.Id, "test-instance", TimeSpan.FromMinutes(1), CancellationToken.None);
        await outbox.ExpandAsync(fanOut.Id, "test-instance", [.. users.Select(u => new OutboxMessage
        {
            JobKey = JobKeys.Broadcast(id),
            Recipient = new Recipient { ConversationId = u.ConversationId, ConversationType = "personal", ServiceUrl = _world.ServiceUrl, BotId = DeliveryWorld.BotId, TenantId = DeliveryWorld.Tenant, UserId = u.Id, UserName = u.Name },
            Content = fanOut.Message.Content,
            DueAt = fanOut.Message.DueAt,
            BroadcastId = id,
        })], CancellationToken.None);
        var claimed = await outbox.ClaimAsync("test-instance", 10, TimeSpan.FromMinutes(1), CancellationToken.None);
        var inFlight = claimed.Single(r => r.Message.Recipient!.UserId == users[1].Id);
        Assert.True(await outbox.MarkInFlightAsync(inFlight.Id, "test-instance", TimeSpan.FromMinutes(1), CancellationToken.None));
        await first.DisposeAsync();

        var second = _world.StartBot();
        await second.DeliverDueAsync();

        Assert.Single(_world.Proactive(users[0].ConversationId), a => a.Text!.Contains("organizers", StringComparison.Ordinal));
        Assert.Empty(_world.Proactive(users[1].ConversationId));
        Assert.Single(_world.Proactive(users[2].ConversationId), a => a.Text!.Contains("organizers", StringComparison.Ordinal));
        var report = LastReport();
        Assert.Contains("Delegate 2: unconfirmed: it may have arrived", DeliveryWorld.Json(report), StringComparison.Ordinal);
        var resend = ActionData(report, "Resend 1");

        var afterResend = Card(await second.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Resend, resend));
        await second.DeliverDueAsync();
        Assert.Contains("Sending", DeliveryWorld.Json(afterResend), StringComparison.Ordinal);
        Assert.Single(_world.Proactive(users[1].ConversationId));
        Assert.Contains("Complete: delivered to all 3 recipients.", DeliveryWorld.Json(LastReport()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_breaks_after_the_request_left_makes_the_message_unconfirmed_not_duplicated()
    {
        var bot = _world.StartBot();
        var users = await InstallAsync(bot, 2);
        _world.Script(users[0].ConversationId, DeliveryWorld.Drop());

        await SendAsync(bot, SessionReminderToEveryone());
        await bot.DeliverDueAsync();
        _world.Time.Advance(TimeSpan.FromHours(1));
        await bot.DeliverDueAsync();

        Assert.Equal(1, _world.Delivered().Count(d => d.ConversationId == users[0].ConversationId && d.ReplyTo is null));
        var row = (await bot.Outbox.RowsAsync(JobKeys.Broadcast(FirstBroadcastId()), CancellationToken.None)).Single(r => r.Message.Recipient!.UserId == users[0].Id);
        Assert.Equal(OutboxState.Unconfirmed, row.State);
        Assert.Contains("Unconfirmed", DeliveryWorld.Json(LastReport()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Automatic_reminders_go_to_everyone_who_installed_the_bot_before_each_session()
    {
        var bot = _world.StartBot();
        var users = await InstallAsync(bot, 2);

        var saved = Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Automatic,
            new JsonObject { ["autoEnabled"] = "true", ["autoLead"] = "10", ["autoAudience"] = "installed" }));
        Assert.Contains("On: a reminder 10 minutes before every session, to everyone who installed the bot.", DeliveryWorld.Json(saved), StringComparison.Ordinal);

        var costs = bot.Services.GetRequiredService<Core.Agenda.IKnowledgeSource>().Current.Timeline.Find(Costs)!;
        _world.SetClock(costs.Start.AddMinutes(-10));
        await bot.DeliverDueAsync();
        await _world.StartBot().DeliverDueAsync();

        foreach (var user in users)
        {
            var texts = _world.Proactive(user.ConversationId).Select(a => a.Text).ToList();
            Assert.Single(texts, t => t!.StartsWith("📣 Reminder from the organizers: Reducing migration costs starts in 10 minutes", StringComparison.Ordinal));
            // Earlier sessions were past their grace when the clock jumped: dropped, not sent late in a burst.
            Assert.Single(texts);
        }
    }

    [Fact]
    public async Task The_composer_names_channels_as_Teams_does_and_opens_with_what_it_knows_when_Teams_cannot_say()
    {
        var bot = _world.StartBot();
        await bot.PostAsync(ChannelInstall());
        _world.Script("19:team@thread.tacv2",
            context => context.Response.WriteAsJsonAsync(new { id = "19:team@thread.tacv2", name = "GMG Secretariat" }),
            context => context.Response.WriteAsJsonAsync(new
            {
                conversations = new object[] { new { id = "19:team@thread.tacv2" }, new { id = "19:general@thread.tacv2", name = "Meeting logistics" } },
            }));
        var schedule = new JsonObject { ["what"] = "schedule" };

        var named = DeliveryWorld.Json(Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Edit, schedule)));
        var unnamed = DeliveryWorld.Json(Card(await bot.ExecuteAsync(TeamsUser.Olu, BroadcastVerbs.Edit, schedule)));

        Assert.Contains("\"title\":\"Meeting logistics · GMG Secretariat\",\"value\":\"conversation:19:general@thread.tacv2\"", named, StringComparison.Ordinal);
        Assert.DoesNotContain("19:general@thread.tacv2\"", named.Replace("conversation:19:general@thread.tacv2\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["/v3/teams/19%3Ateam%40thread.tacv2", "/v3/teams/19%3Ateam%40thread.tacv2/conversations"],
            _world.Connector.Requests.Where(r => r.Method == "GET").Take(2).Select(r => r.Path));
        // The stand-in answers 200 {"id": …} once the script is used up: no names, so the composer says what it knows.
        Assert.Contains("A channel (Olu Organizer wrote there last)", unnamed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"sessionId\"", named, StringComparison.Ordinal);
    }

    private string FirstBroadcastId() =>
        _world.Delivered().First(d => d.Activity.Text?.StartsWith("Delivery report", StringComparison.Ordinal) == true)
            .Activity.Attachments![0].Content!.ToJsonString() is var json
            ? System.Text.RegularExpressions.Regex.Match(json, "\"broadcastId\":\"([^\"]+)\"").Groups[1].Value
            : "";

    private JsonObject ChannelInstall() => new()
    {
        ["type"] = "installationUpdate",
        ["action"] = "add",
        ["id"] = "f:install-channel",
        ["channelId"] = "msteams",
        ["serviceUrl"] = _world.ServiceUrl,
        ["from"] = new JsonObject { ["id"] = TeamsUser.Olu.Id, ["name"] = TeamsUser.Olu.Name, ["aadObjectId"] = TeamsUser.Olu.AadObjectId },
        ["conversation"] = new JsonObject { ["conversationType"] = "channel", ["tenantId"] = DeliveryWorld.Tenant, ["id"] = "19:general@thread.tacv2", ["isGroup"] = true },
        ["recipient"] = new JsonObject { ["id"] = DeliveryWorld.BotId, ["name"] = "GmgBot" },
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = DeliveryWorld.Tenant },
            ["team"] = new JsonObject { ["id"] = "19:team@thread.tacv2" },
            ["channel"] = new JsonObject { ["id"] = "19:general@thread.tacv2" },
        },
    };
}
