using GmgBot.Host.Features;
using GmgBot.Core.Agenda;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Core;
using GmgBot.Core.Calendar;
using GmgBot.Host.Calendar;
using GmgBot.Host.Security;
using Microsoft.Extensions.Configuration;
using GmgBot.Host.Knowledge;
using GmgBot.Host.Tests.Delivery;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using IcalCalendar = Ical.Net.Calendar;

namespace GmgBot.Host.Tests.Calendar;

/// <summary>
/// Graph on: the real host, its own copy of the knowledge, a local Graph stand-in, and activities posted as Teams
/// posts them. Ana Delegate's Entra object id is her mailbox.
/// </summary>
public sealed class OutlookCalendarBotTests : IAsyncLifetime
{
    private const string Organizer = "organizer@gmg.example";
    private const string Ana = "6b3c0b3e-1111-4d3f-9a41-000000000001";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 15, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gmgbot-calendar-" + Guid.NewGuid().ToString("N"));
    private FakeGraph _graph = null!;
    private BotHost _host = null!;

    private string SessionsFile => Path.Combine(_folder, "knowledge", "sessions.yaml");

    public async Task InitializeAsync()
    {
        CalendarKnowledge.CopyTo(Path.Combine(_folder, "knowledge"));
        _graph = await FakeGraph.StartAsync();
        _host = await BotHost.StartAsync(new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:TenantId"] = "72f988bf-0000-0000-0000-0000000000aa",
            ["Graph:ClientId"] = "00000000-0000-0000-0000-0000000c1e47",
            ["Graph:BaseUrl"] = _graph.BaseUrl,
            ["Graph:OrganizerCalendarUser"] = Organizer,
            ["Knowledge:Path"] = Path.Combine(_folder, "knowledge"),
            // The meeting from tomorrow: its sessions are still to come, so the calendar card offers them.
            ["Knowledge:ReplayStartDate"] = "2026-03-11",
            // This test edits its knowledge: its index must not be the one other tests share.
            ["Search:LucenePath"] = Path.Combine(_folder, "index"),
        }, services => services
            .AddKeyedSingleton<TokenCredential>(CalendarsFeature.GraphCredentialKey, new FakeGraphCredential())
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        await SyncAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _graph.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<SyncReport> SyncAsync() => (await _host.Services.GetRequiredService<OutlookCalendarSync>().SyncAsync(CancellationToken.None))!;

    private async Task<string> ExecuteAsync(string verb, JsonObject data)
    {
        var activity = _host.LoadActivity("adaptive-card-action");
        activity["value"]!["action"]!["verb"] = verb;
        activity["value"]!["action"]!["data"] = data;
        var response = await _host.PostAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        // A message (Teams shows it as it is) or the pressed card's new state.
        return body["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message"
            ? body["value"]!.GetValue<string>()
            : DeliveryWorld.Json(body["value"]!);
    }

    private async Task<BotReplyActivity> SayAsync(string text)
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = text;
        await _host.PostAsync(activity);
        return new BotReplyActivity(_host.SentActivities().Last().Activity);
    }

    private JsonObject EventOf(string mailbox, string subject) =>
        _graph.Events(mailbox).Values.Single(e => e["subject"]!.GetValue<string>() == subject);

    [Fact]
    public async Task The_organizer_calendar_holds_every_calendar_session_once_after_start()
    {
        var report = await SyncAsync();

        var events = _graph.Events(Organizer).Values.ToList();
        var sessions = _host.Services.GetRequiredService<IKnowledgeSource>().Current.Timeline.Sessions;
        Assert.Equal(0, report.Created);
        Assert.Equal(sessions.Count(CalendarEntry.Belongs), events.Count);
        Assert.True(events.Count < sessions.Count);
        Assert.Equal(events.Count, events.Select(e => e["subject"]!.GetValue<string>()).Distinct().Count());
        Assert.DoesNotContain(events, e => e["subject"]!.GetValue<string>() == "Coffee break");
        Assert.All(events, e => Assert.Equal(15, e["reminderMinutesBeforeStart"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Add_to_calendar_writes_the_session_into_the_delegates_calendar_once()
    {
        var first = await ExecuteAsync("calendar.add", new JsonObject { ["sessionId"] = "d1-decent-work" });
        var second = await ExecuteAsync("calendar.add", new JsonObject { ["sessionId"] = "d1-decent-work" });

        // The session card pressed says so, for the delegate; the Add button is gone from it.
        Assert.Contains("In your Outlook calendar", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":\"Add to calendar\"", first, StringComparison.Ordinal);
        Assert.Contains("Promoting decent work for international migrants", second, StringComparison.Ordinal);
        var e = Assert.Single(_graph.Events(Ana).Values);
        Assert.True(e["isReminderOn"]!.GetValue<bool>());
        Assert.Equal("Eastern Standard Time", e["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal(["POST", "PATCH"], _graph.Requests.Where(r => r.Path.Contains(Ana, StringComparison.Ordinal)).Select(r => r.Method));
    }

    [Fact]
    public async Task The_calendar_card_adds_the_chosen_sessions_through_its_submit_fallback()
    {
        var card = (await SayAsync("calendar")).Card!;
        Assert.Contains(card["body"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "Input.ChoiceSet");
        Assert.Equal("calendar.add", card["actions"]![0]!["verb"]!.GetValue<string>());

        var submit = _host.LoadActivity("action-submit");
        submit["value"] = new JsonObject { ["verb"] = "calendar.add", ["sessionIds"] = "d2-recap,d1-decent-work" };
        await _host.PostAsync(submit);

        var reply = _host.SentActivities().Last().Activity.Text!;
        Assert.Contains("**Recap session**", reply, StringComparison.Ordinal);
        Assert.Contains("**Promoting decent work for international migrants**", reply, StringComparison.Ordinal);
        Assert.Equal(2, _graph.Events(Ana).Count);
    }

    [Fact]
    public async Task Without_consent_the_delegate_is_pointed_to_the_agenda_feed()
    {
        _graph.Forbid(Ana);

        var reply = await ExecuteAsync("calendar.add", new JsonObject { ["sessionId"] = "d1-decent-work" });

        Assert.Contains("Calendars.ReadWrite", reply, StringComparison.Ordinal);
        Assert.Contains($"{ListenAddresses.DefaultUrl}/calendar/agenda.ics", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_today_reads_the_delegates_day_in_their_own_zone()
    {
        _graph.Seed(Ana, new JsonObject
        {
            ["subject"] = "Team stand-up",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-10T09:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-10T09:15:00", ["timeZone"] = "UTC" },
        });
        _graph.Seed(Ana, new JsonObject
        {
            ["subject"] = "Yesterday's review",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-09T15:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-09T16:00:00", ["timeZone"] = "UTC" },
        });

        var reply = await SayAsync("calendar today");

        Assert.Equal("Your Outlook calendar today: 1 event.", reply.Text);
        var card = reply.Card!.ToJsonString();
        Assert.Contains("Team stand-up", card, StringComparison.Ordinal);
        Assert.Contains("Tuesday 10 March 2026", card, StringComparison.Ordinal);
        var view = _graph.Requests.Single(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal));
        Assert.Equal($"/v1.0/users/{Ana}/calendarView", view.Path);
        Assert.Equal("outlook.timezone=\"GMT Standard Time\"", view.Header("Prefer"));
    }

    [Fact]
    public async Task A_moved_session_updates_its_events_and_feed_and_a_removed_one_is_deleted()
    {
        await ExecuteAsync("calendar.add", new JsonObject { ["sessionId"] = "d1-decent-work" });
        var recapId = _graph.Events(Organizer).Single(e => e.Value["subject"]!.GetValue<string>() == "Recap session").Key;
        var uidBefore = IcalCalendar.Load(await _host.Client.GetStringAsync("/calendar/agenda.ics"))!.Events.Select(e => e.Uid!).ToHashSet();
        _graph.ClearRequests();

        var yaml = await File.ReadAllTextAsync(SessionsFile);
        var decentWork = yaml.IndexOf("- id: d1-decent-work", StringComparison.Ordinal);
        yaml = yaml[..decentWork] + yaml[decentWork..].Replace("start: \"09:00\"\n  end: \"10:30\"", "start: \"09:15\"\n  end: \"10:30\"", StringComparison.Ordinal)
            .ReplaceFirst(yaml.IndexOf("- id: d2-recap", StringComparison.Ordinal) - decentWork, yaml.IndexOf("- id: d2-mainstreaming", StringComparison.Ordinal) - decentWork);
        await File.WriteAllTextAsync(SessionsFile, yaml);
        await _host.Services.GetRequiredService<KnowledgeService>().ReloadAsync(publishChanges: true);
        // The reload already woke the background sync; this pass waits for it, so whichever pass did the work, it is done.
        var report = await SyncAsync();

        Assert.Equal(0, report.Failed);
        foreach (var mailbox in new[] { Organizer, Ana })
        {
            var moved = EventOf(mailbox, "Promoting decent work for international migrants");
            Assert.Equal("2026-03-11T09:15:00", moved["start"]!["dateTime"]!.GetValue<string>());
            Assert.Equal("2026-03-11T10:30:00", moved["end"]!["dateTime"]!.GetValue<string>());
        }
        Assert.DoesNotContain(recapId, _graph.Events(Organizer).Keys);
        Assert.Equal(["DELETE", "PATCH", "PATCH"], _graph.Requests.Select(r => r.Method).Order());

        var feed = IcalCalendar.Load(await _host.Client.GetStringAsync("/calendar/agenda.ics"))!;
        var movedEvent = feed.Events.Single(e => e.Uid == "d1-decent-work@gmg-twlm-2014.gmgbot");
        Assert.Equal(1, movedEvent.Sequence);
        Assert.Equal(new DateTime(2026, 3, 11, 9, 15, 0), movedEvent.DtStart!.Value);
        Assert.Equal(uidBefore.Where(u => !u.StartsWith("d2-recap@", StringComparison.Ordinal)).Order(), feed.Events.Select(e => e.Uid!).Order());
    }
}

internal static class TextEdits
{
    /// <summary>The text without the characters from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    public static string ReplaceFirst(this string text, int start, int end) => text[..start] + text[end..];
}

public sealed class GraphOptionsTests
{
    [Theory]
    [InlineData("Graph:TenantId", "Graph:TenantId is required")]
    [InlineData("Graph:ClientId", "Graph:ClientId is required")]
    public void Graph_on_without_its_identity_stops_the_host_naming_the_setting(string missing, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Graph:Enabled"] = "true",
            ["Graph:TenantId"] = "tenant",
            ["Graph:ClientId"] = "client",
            [missing] = "",
        };

        Assert.Contains(message, StartupValidation.Failure(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Graph_settings_are_checked_together()
    {
        var validator = new CalendarOptionsValidator(new ListenAddresses(new ConfigurationBuilder().Build()));

        Assert.True(validator.Validate(null, new GraphOptions()).Succeeded);
        Assert.Contains("Graph:BaseUrl", validator.Validate(null, new GraphOptions { Enabled = true, TenantId = "t", ClientId = "c", BaseUrl = "http://graph.example/v1.0" }).FailureMessage, StringComparison.Ordinal);
        Assert.True(validator.Validate(null, new GraphOptions { Enabled = true, TenantId = "t", ClientId = "c", BaseUrl = "http://127.0.0.1:5000/v1.0" }).Succeeded);
        Assert.Contains("Graph:ReminderMinutesBeforeStart", validator.Validate(null, new GraphOptions { Enabled = true, TenantId = "t", ClientId = "c", ReminderMinutesBeforeStart = -1 }).FailureMessage!, StringComparison.Ordinal);
        Assert.Contains("Calendar:PublicBaseUrl", validator.Validate(null, new CalendarOptions { PublicBaseUrl = "gmgbot.example.org" }).FailureMessage!, StringComparison.Ordinal);
    }
}
