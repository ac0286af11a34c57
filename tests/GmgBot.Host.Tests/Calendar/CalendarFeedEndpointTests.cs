using GmgBot.Host.Storage;
using GmgBot.Core.Delivery;
using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Host.Security;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using IcalCalendar = Ical.Net.Calendar;

namespace GmgBot.Host.Tests.Calendar;

/// <summary>The embedded default (no Graph): feeds over HTTP, the calendar command and the session card's button, through the real host.</summary>
public sealed class CalendarFeedEndpointTests : IAsyncLifetime
{
    private readonly FollowedSessions _followed = new();
    private BotHost _host = null!;

    /// <summary>The reminders feature's directory, as a fake: Ana follows two sessions.</summary>
    private sealed class FollowedSessions : ISubscriptionDirectory
    {
        public Task<IReadOnlyList<string>> SessionIdsOfAsync(string userId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(userId == "29:1aYhYyVZqnT-personal-user" ? ["d2-recap", "d1-decent-work"] : []);

        public Task<IReadOnlyList<Recipient>> SubscribersOfAsync(string sessionId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Recipient>>([]);
    }

    /// <summary>The day before the meeting: its sessions still offer Add to calendar.</summary>
    private static readonly DateTimeOffset TheDayBefore = new(2014, 10, 15, 12, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(configureServices: services => services
        .AddSingleton<ISubscriptionDirectory>(_followed)
        .AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TheDayBefore)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<BotReplyActivity> SayAsync(string text)
    {
        var before = _host.SentActivities().Count;
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = text;
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(activity)).StatusCode);
        return new BotReplyActivity(_host.SentActivities().Skip(before).Single().Activity);
    }

    [Fact]
    public async Task The_agenda_feed_is_served_as_text_calendar_with_every_calendar_session()
    {
        var response = await _host.Client.GetAsync("/calendar/agenda.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
        var calendar = IcalCalendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, e => e.Uid == "d1-decent-work@gmg-twlm-2014.gmgbot");
        Assert.Equal("America/New_York", Assert.Single(calendar.TimeZones).TzId);
    }

    [Fact]
    public async Task One_session_downloads_as_an_ics_file_and_an_unknown_one_is_404()
    {
        var response = await _host.Client.GetAsync("/calendar/sessions/d2-recap.ics");
        var missing = await _host.Client.GetAsync("/calendar/sessions/no-such-session.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=d2-recap.ics", response.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("d2-recap@gmg-twlm-2014.gmgbot", Assert.Single(IcalCalendar.Load(await response.Content.ReadAsStringAsync())!.Events).Uid);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_personal_feed_link_serves_the_followed_sessions_until_revoked()
    {
        var reply = await SayAsync("calendar feed");
        var link = new Uri(reply.Card!["actions"]![0]!["url"]!.GetValue<string>());

        var feed = await _host.Client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.True(feed.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Equal(["d1-decent-work@gmg-twlm-2014.gmgbot", "d2-recap@gmg-twlm-2014.gmgbot"],
            IcalCalendar.Load(await feed.Content.ReadAsStringAsync())!.Events.Select(e => e.Uid));
        Assert.Matches("^/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics$", link.AbsolutePath);

        var revoked = await SayAsync("calendar revoke");
        Assert.Contains("Turned off 1 personal feed link", revoked.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync(link.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_token_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/calendar/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Client.GetAsync("/calendar/feeds/short.ics")).StatusCode);
    }

    [Fact]
    public async Task The_calendar_command_offers_the_agenda_feed_at_the_bots_own_address_and_no_Outlook()
    {
        var reply = await SayAsync("calendar");

        var actions = reply.Card!["actions"]!.AsArray();
        Assert.Equal($"{ListenAddresses.DefaultUrl}/calendar/agenda.ics", actions[0]!["url"]!.GetValue<string>());
        Assert.DoesNotContain(actions, a => a!["type"]!.GetValue<string>() == "Action.Execute");
        Assert.Contains(actions, a => a!["data"]?["verb"]?.GetValue<string>() == "calendar.feed");
    }

    [Fact]
    public async Task A_session_card_offers_its_ics_file_as_Add_to_calendar()
    {
        var activity = _host.LoadActivity("action-submit");
        activity["value"] = new JsonObject { ["verb"] = "session.show", ["sessionId"] = "d1-decent-work" };

        await _host.PostAsync(activity);

        var card = new BotReplyActivity(_host.SentActivities().Last().Activity).Card!;
        var add = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Add to calendar")!;
        Assert.Equal($"{ListenAddresses.DefaultUrl}/calendar/sessions/d1-decent-work.ics", add["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Personal_feed_links_are_not_handed_out_in_a_channel()
    {
        var activity = _host.LoadActivity("channel-mention");
        activity["text"] = "<at>GmgBot</at> calendar feed";

        await _host.PostAsync(activity);

        Assert.Contains("1:1 chat", _host.SentActivities().Last().Activity.Text, StringComparison.Ordinal);
    }
}

/// <summary>The personal feed is the delegate's own agenda: the sessions they asked to be reminded of, nothing else.</summary>
public sealed class PersonalFeedTests
{
    [Fact]
    public async Task A_delegates_feed_lists_the_sessions_they_set_reminders_for()
    {
        // Replayed from next week, so the sessions are still ahead and a reminder can be set.
        var replay = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:ReplayStartDate"] = replay });
        var activity = host.LoadActivity("personal-message");
        var user = activity["from"]!["id"]!.GetValue<string>();
        activity["text"] = "remind me about the recap session";
        await host.PostAsync(activity);
        var token = await host.Services.GetRequiredService<FeedTokenStore>().IssueAsync(user, CancellationToken.None);

        var response = await host.Client.GetAsync($"/calendar/feeds/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = IcalCalendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["d2-recap@gmg-twlm-2014.gmgbot"], feed.Events.Select(e => e.Uid!));
    }
}

/// <summary>A reply as the bot sent it: its text and its first Adaptive Card, if any.</summary>
internal sealed record BotReplyActivity(GmgBot.Protocol.Schema.Activity Activity)
{
    public string Text => Activity.Text ?? "";

    public JsonObject? Card => Activity.Attachments is { Count: > 0 } attachments ? JsonNode.Parse(attachments[0].Content!.ToJsonString())!.AsObject() : null;
}

/// <summary>Knowledge:ReplayStartDate moves the feeds with the agenda: same wall-clock times in the event's zone, on the replay dates.</summary>
public sealed class ReplayedFeedTests
{
    [Fact]
    public async Task A_replayed_session_keeps_its_local_time_on_the_replay_date()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:ReplayStartDate"] = "2026-03-10" });

        var e = Assert.Single(IcalCalendar.Load(await host.Client.GetStringAsync("/calendar/sessions/d1-decent-work.ics"))!.Events);

        Assert.Equal("d1-decent-work@gmg-twlm-2014.gmgbot", e.Uid);
        Assert.Equal(("America/New_York", new DateTime(2026, 3, 10, 9, 0, 0)), (e.DtStart!.TzId!, e.DtStart.Value));
        // New York is on daylight time from 8 March 2026: 09:00 there is 13:00 UTC.
        Assert.Equal(new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc), e.DtStart.AsUtc);
    }
}

/// <summary>Feed links come from Calendar:PublicBaseUrl (or, on loopback, the host's own address), never from the request.</summary>
public sealed class FeedLinkTests
{
    private static async Task<string> AgendaLinkAsync(BotHost host, string? hostHeader = null)
    {
        var activity = host.LoadActivity("personal-message");
        activity["text"] = "calendar";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        var card = new BotReplyActivity(host.SentActivities().Last().Activity).Card!;
        return card["actions"]!.AsArray()[0]!["url"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_forged_host_header_does_not_make_the_bot_hand_out_links_to_another_site()
    {
        await using var host = await BotHost.StartAsync();

        Assert.Equal($"{ListenAddresses.DefaultUrl}/calendar/agenda.ics", await AgendaLinkAsync(host, "attacker.example"));
    }

    [Fact]
    public async Task Links_use_the_public_base_url_when_it_is_set()
    {
        await using var host = await BotHost.StartAsync(new Dictionary<string, string?> { ["Calendar:PublicBaseUrl"] = "https://gmgbot.example.org/bot" });

        Assert.Equal("https://gmgbot.example.org/bot/calendar/agenda.ics", await AgendaLinkAsync(host, "attacker.example"));
    }
}
