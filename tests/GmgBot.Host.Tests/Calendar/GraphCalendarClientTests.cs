using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Calendar;
using GmgBot.Host.Calendar;

namespace GmgBot.Host.Tests.Calendar;

/// <summary>The Graph calls, made by the real Graph SDK stack against a local Graph stand-in that checks their shape.</summary>
public sealed class GraphCalendarClientTests(CalendarKnowledge knowledge) : IClassFixture<CalendarKnowledge>, IAsyncLifetime
{
    private const string Mailbox = "6b3c0b3e-1111-4d3f-9a41-000000000001";
    private FakeGraph _graph = null!;
    private readonly FakeGraphCredential _credential = new();
    private GraphCalendarClient _client = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraph.StartAsync();
        var options = new GraphOptions { Enabled = true, TenantId = "tenant", ClientId = "client", BaseUrl = _graph.BaseUrl, ReminderMinutesBeforeStart = 10 };
        _client = new GraphCalendarClient(GraphCalendarClient.CreateClient(options, _credential), options);
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private CalendarEntry Entry(string sessionId = "d1-decent-work", int sequence = 0) =>
        CalendarEntry.For(knowledge.Snapshot, knowledge.Snapshot.Timeline.Find(sessionId)!, sequence);

    [Fact]
    public async Task An_event_is_created_in_the_mailbox_with_the_session_its_zone_its_reminder_and_a_transaction_id()
    {
        var entry = Entry();

        var id = await _client.CreateAsync(Mailbox, entry, entry.TransactionId(Mailbox), CancellationToken.None);

        var request = Assert.Single(_graph.Requests);
        Assert.Equal(("POST", $"/v1.0/users/{Mailbox}/events"), (request.Method, request.Path));
        Assert.Equal($"Bearer {FakeGraph.Token}", request.Header("Authorization"));
        Assert.Equal([$"https://127.0.0.1/.default"], _credential.Scopes.Distinct());
        var body = request.Body!;
        Assert.Equal("Promoting decent work for international migrants", body["subject"]!.GetValue<string>());
        // The agenda's wall-clock time in the event's zone, named as Windows names it (what Graph accepts everywhere).
        Assert.Equal("2014-10-16T09:00:00", body["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("Eastern Standard Time", body["start"]!["timeZone"]!.GetValue<string>());
        Assert.Equal("2014-10-16T10:30:00", body["end"]!["dateTime"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2014, 10, 16, 13, 0, 0, TimeSpan.Zero), FakeGraph.Instant(body["start"]!));
        Assert.True(body["isReminderOn"]!.GetValue<bool>());
        Assert.Equal(10, body["reminderMinutesBeforeStart"]!.GetValue<int>());
        Assert.Equal(entry.TransactionId(Mailbox), body["transactionId"]!.GetValue<string>());
        Assert.Equal("Conference Room 6", body["location"]!["displayName"]!.GetValue<string>());
        Assert.Equal("text", body["body"]!["contentType"]!.GetValue<string>());
        var text = body["body"]!["content"]!.GetValue<string>();
        Assert.Contains("Chair: Michelle Leighton", text, StringComparison.Ordinal);
        Assert.Contains("SDG targets: 8.5, 8.8", text, StringComparison.Ordinal);
        Assert.Contains("Source: ", text, StringComparison.Ordinal);
        Assert.Equal(id, Assert.Single(_graph.Events(Mailbox)).Key);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_creates_exactly_one_event()
    {
        _graph.Fail("POST", "/events", HttpStatusCode.TooManyRequests, retryAfterSeconds: 1);
        var entry = Entry();

        await _client.CreateAsync(Mailbox, entry, entry.TransactionId(Mailbox), CancellationToken.None);

        var posts = _graph.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(posts[0].Timestamp, posts[1].Timestamp) >= TimeSpan.FromSeconds(0.95),
            "The retry came before the Retry-After delay.");
        Assert.Single(_graph.Events(Mailbox));
    }

    [Fact]
    public async Task A_create_whose_response_was_lost_is_retried_with_the_same_transaction_id_and_never_duplicates()
    {
        _graph.Fail("POST", "/events", HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 1, afterApplying: true);
        var entry = Entry();

        var id = await _client.CreateAsync(Mailbox, entry, entry.TransactionId(Mailbox), CancellationToken.None);

        var posts = _graph.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body!["transactionId"]!.GetValue<string>(), posts[1].Body!["transactionId"]!.GetValue<string>());
        Assert.Equal(id, Assert.Single(_graph.Events(Mailbox)).Key);
    }

    [Fact]
    public void Transaction_ids_are_the_same_for_a_retry_and_new_for_a_new_version_another_mailbox_or_a_replacement()
    {
        var entry = Entry();

        Assert.Equal(entry.TransactionId(Mailbox), Entry().TransactionId(Mailbox.ToUpperInvariant()));
        Assert.NotEqual(entry.TransactionId(Mailbox), Entry(sequence: 1).TransactionId(Mailbox));
        Assert.NotEqual(entry.TransactionId(Mailbox), entry.TransactionId("organizer@gmg.example"));
        Assert.NotEqual(entry.TransactionId(Mailbox), entry.TransactionId(Mailbox, replacing: "AAMk-old"));
    }

    [Fact]
    public async Task A_mailbox_without_consent_is_reported_as_such()
    {
        _graph.Forbid(Mailbox);

        var error = await Assert.ThrowsAsync<OutlookCalendarException>(() => _client.CreateAsync(Mailbox, Entry(), "t", CancellationToken.None));

        Assert.Equal(OutlookFailure.NoConsent, error.Failure);
    }

    [Fact]
    public async Task An_update_patches_the_event_without_a_transaction_id_and_says_when_the_event_is_gone()
    {
        var entry = Entry();
        var id = await _client.CreateAsync(Mailbox, entry, entry.TransactionId(Mailbox), CancellationToken.None);
        var moved = entry with { Start = entry.Start.AddMinutes(30), End = entry.End.AddMinutes(30), Location = "Conference Room E", Sequence = 1 };

        Assert.True(await _client.UpdateAsync(Mailbox, id, moved, CancellationToken.None));

        var patch = _graph.Requests.Last();
        Assert.Equal(("PATCH", $"/v1.0/users/{Mailbox}/events/{id}"), (patch.Method, patch.Path));
        Assert.Null(patch.Body!["transactionId"]);
        Assert.Equal("2014-10-16T09:30:00", _graph.Events(Mailbox)[id]["start"]!["dateTime"]!.GetValue<string>());
        Assert.Equal("Conference Room E", _graph.Events(Mailbox)[id]["location"]!["displayName"]!.GetValue<string>());

        _graph.Remove(Mailbox, id);
        Assert.False(await _client.UpdateAsync(Mailbox, id, moved, CancellationToken.None));
        await _client.DeleteAsync(Mailbox, id, CancellationToken.None);
    }

    [Fact]
    public async Task A_day_is_read_from_calendarView_in_the_zone_asked_for_across_every_page()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        foreach (var (hour, subject) in new[] { (14, "C"), (8, "A"), (9, "B"), (16, "D"), (18, "E") })
        {
            _graph.Seed(Mailbox, new JsonObject
            {
                ["subject"] = subject,
                ["start"] = new JsonObject { ["dateTime"] = $"2026-03-10T{hour:00}:00:00", ["timeZone"] = "UTC" },
                ["end"] = new JsonObject { ["dateTime"] = $"2026-03-10T{hour:00}:30:00", ["timeZone"] = "UTC" },
                ["location"] = new JsonObject { ["displayName"] = $"Room {subject}" },
            });
        }
        _graph.Seed(Mailbox, new JsonObject
        {
            ["subject"] = "Tomorrow",
            ["start"] = new JsonObject { ["dateTime"] = "2026-03-11T09:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-03-11T10:00:00", ["timeZone"] = "UTC" },
        });

        var day = await _client.DayAsync(Mailbox, new DateOnly(2026, 3, 10), zone, CancellationToken.None);

        Assert.Equal(["A", "B", "C", "D", "E"], day.Select(e => e.Subject));
        Assert.Equal(new DateTime(2026, 3, 10, 8, 0, 0), day[0].Start);
        Assert.Equal("Room C", day[2].Location);
        var views = _graph.Requests.Where(r => r.Path.EndsWith("/calendarView", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, views.Count);
        Assert.All(views, v => Assert.Equal("outlook.timezone=\"GMT Standard Time\"", v.Header("Prefer")));
        Assert.Equal("2026-03-10T00:00:00Z", views[0].Query["startDateTime"]);
        Assert.Equal("2026-03-11T00:00:00Z", views[0].Query["endDateTime"]);
        Assert.Equal("2", views[1].Query["$skiptoken"]);
    }
}
