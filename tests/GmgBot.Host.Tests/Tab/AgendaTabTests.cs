using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GmgBot.Core.Reminders;
using GmgBot.Host.Tests.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Tab;

/// <summary>The Agenda tab through the real host: its page, its JSON, Teams single sign-on against a local Entra, "My schedule" on the bot's store.</summary>
public sealed class AgendaTabTests : IAsyncLifetime
{
    private const string Costs = "d1-migration-costs";
    private DeliveryWorld _world = null!;
    private FakeEntra _entra = null!;
    private BotProcess _bot = null!;

    public async Task InitializeAsync()
    {
        _world = await DeliveryWorld.CreateAsync();
        _entra = await FakeEntra.StartAsync();
        _bot = _world.StartBot(_entra.Settings(DeliveryWorld.Tenant));
    }

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        await _entra.DisposeAsync();
    }

    private string AnaToken(string? audience = null, string tenant = DeliveryWorld.Tenant, TimeSpan? lifetime = null) =>
        _entra.Token(TeamsUser.Ana.AadObjectId, tenant, _world.Time.GetUtcNow(), audience ?? FakeEntra.Audience, lifetime);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await _bot.Client.SendAsync(request);
    }

    private async Task<JsonObject> JsonAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        var response = await SendAsync(method, path, token, body);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<IReadOnlyList<Reminder>> StoredRemindersOfAnaAsync() =>
        await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None);

    [Fact]
    public async Task The_page_is_served_with_teams_js_from_npm_and_may_be_framed_only_by_teams()
    {
        // The page's links are relative: /tab is redirected to /tab/, keeping the session it was opened at.
        var redirected = await SendAsync(HttpMethod.Get, "/tab?session=" + Costs);
        Assert.Equal("/tab/?session=" + Costs, redirected.RequestMessage!.RequestUri!.PathAndQuery);

        var page = await SendAsync(HttpMethod.Get, "/tab/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<main id=\"agenda\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"lib/teams-js.min.js\"", html, StringComparison.Ordinal);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com", policy, StringComparison.Ordinal);

        var teamsJs = await SendAsync(HttpMethod.Get, "/tab/lib/teams-js.min.js");
        Assert.Equal(HttpStatusCode.OK, teamsJs.StatusCode);
        Assert.Contains("registerOnThemeChangeHandler", await teamsJs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/tab/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "/tab/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task The_agenda_has_both_days_with_rooms_chairs_speakers_targets_and_now_next_marks_in_both_zones()
    {
        _world.SetClock(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero));   // 11:00 in New York, Day 1

        var agenda = await JsonAsync(HttpMethod.Get, "/tab/api/agenda?zone=Europe/London");

        Assert.Equal("New York time", agenda["event"]!["zone"]!.GetValue<string>());
        Assert.Equal("your time is 4 h ahead", agenda["yourZone"]!.GetValue<string>());
        var days = agenda["days"]!.AsArray();
        Assert.Equal([1, 2], days.Select(d => d!["day"]!.GetValue<int>()));
        Assert.Equal(["Today", "Tomorrow"], days.Select(d => d!["mark"]!.GetValue<string>()));
        var sessions = days.SelectMany(d => d!["sessions"]!.AsArray()).Select(s => s!.AsObject()).ToList();
        var now = Assert.Single(sessions, s => s["mark"]?.GetValue<string>() == "Now");
        Assert.Equal((Costs, "10:45", "14:45–16:15 your time", "Conference Room 6"),
            (now["id"]!.GetValue<string>(), now["start"]!.GetValue<string>(), now["yourTime"]!.GetValue<string>(), now["room"]!.GetValue<string>()));
        Assert.False(now["canRemind"]!.GetValue<bool>());
        Assert.NotEmpty(now["chairs"]!.AsArray());
        Assert.Contains(now["speakers"]!.AsArray(), s => s!["name"]!.GetValue<string>() == "Manuel Orozco");
        Assert.Single(sessions, s => s["mark"]?.GetValue<string>() == "Next");
        Assert.Contains(sessions, s => s["targets"]!.AsArray().Any(t => t!["id"]!.GetValue<string>() == "10.7" && t["text"] is not null));
    }

    [Fact]
    public async Task Search_finds_sessions_and_people_as_you_type_and_refuses_a_novel()
    {
        var found = await JsonAsync(HttpMethod.Get, "/tab/api/search?q=orozco");
        var person = Assert.Single(found["results"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == "person")!;
        Assert.Equal("Manuel Orozco", person["title"]!.GetValue<string>());
        Assert.Contains(person["sessions"]!.AsArray(), s => s!["id"]!.GetValue<string>() == Costs);

        var partial = await JsonAsync(HttpMethod.Get, "/tab/api/search?q=migration%20co");
        Assert.Equal(Costs, partial["results"]![0]!["id"]!.GetValue<string>());

        var tooLong = await SendAsync(HttpMethod.Get, "/tab/api/search?q=" + new string('a', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_signed_in_user_sees_the_reminders_set_in_the_bot_chat_and_what_the_tab_sets_and_cancels_is_what_the_bot_sees()
    {
        await _bot.PostAsync(TeamsUser.Ana.Message(_world, "remind me about reducing migration costs 10 minutes before"));
        var token = AnaToken();

        var me = await JsonAsync(HttpMethod.Get, "/tab/api/me?zone=Europe/London", token);
        Assert.True(me["signedIn"]!.GetValue<bool>());
        Assert.True(me["canRemind"]!.GetValue<bool>());
        var fromChat = Assert.Single(me["reminders"]!.AsArray())!;
        Assert.Equal((Costs, 10), (fromChat["sessionId"]!.GetValue<string>(), fromChat["lead"]!.GetValue<int>()));

        var set = await JsonAsync(HttpMethod.Post, "/tab/api/reminders?zone=Europe/London", token, new { sessionId = "d2-mainstreaming", lead = 30 });
        Assert.Equal("set", set["outcome"]!.GetValue<string>());
        Assert.StartsWith("Reminder set: 30 minutes before", set["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await StoredRemindersOfAnaAsync();
        Assert.Equal(["d2-mainstreaming", Costs], stored.Select(r => r.SessionId).Order(StringComparer.Ordinal).Reverse());
        var fromTab = stored.Single(r => r.SessionId == "d2-mainstreaming");
        Assert.Equal((30, TeamsUser.Ana.ConversationId), (fromTab.LeadMinutes, fromTab.Recipient.ConversationId));

        // The bot's own "my reminders" lists what the tab set.
        await _bot.PostAsync(TeamsUser.Ana.Message(_world, "my reminders"));
        var mine = DeliveryWorld.Json(Assert.Single(_world.Delivered().Last().Activity.Attachments!).Content!);
        Assert.Contains("Mainstreaming", mine, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/tab/api/reminders/{fromTab.Id}", token)).StatusCode);
        Assert.Equal([Costs], (await StoredRemindersOfAnaAsync()).Select(r => r.SessionId));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/tab/api/reminders/{fromTab.Id}", token)).StatusCode);
    }

    [Fact]
    public async Task Someone_elses_reminder_cannot_be_cancelled_from_the_tab()
    {
        await _bot.PostAsync(TeamsUser.Ana.Message(_world, "remind me about reducing migration costs"));
        var olu = TeamsUser.Olu;
        await _bot.PostAsync(olu.Message(_world, "hi"));
        var anas = Assert.Single(await StoredRemindersOfAnaAsync());

        var response = await SendAsync(HttpMethod.Delete, $"/tab/api/reminders/{anas.Id}", _entra.Token(olu.AadObjectId, DeliveryWorld.Tenant, _world.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await StoredRemindersOfAnaAsync());
    }

    [Fact]
    public async Task A_user_who_never_chatted_with_the_bot_is_told_to_say_hi_first_and_nothing_is_stored()
    {
        var token = AnaToken();

        var me = await JsonAsync(HttpMethod.Get, "/tab/api/me", token);
        var set = await JsonAsync(HttpMethod.Post, "/tab/api/reminders", token, new { sessionId = Costs });

        Assert.False(me["canRemind"]!.GetValue<bool>());
        Assert.Contains("say hi", me["why"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("noPersonalChat", set["outcome"]!.GetValue<string>());
        Assert.Empty(await StoredRemindersOfAnaAsync());
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "wrong audience", "api://elsewhere.example.org/" + FakeEntra.ClientId },
        { "wrong tenant", "" },
        { "expired", "" },
        { "not a token", "" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_refused_with_401_on_personal_endpoints_and_the_public_agenda_is_still_served(string why, string audience)
    {
        await _bot.PostAsync(TeamsUser.Ana.Message(_world, "hi"));
        var token = why switch
        {
            "wrong audience" => AnaToken(audience),
            "wrong tenant" => AnaToken(tenant: "99999999-0000-0000-0000-000000000000"),
            "expired" => _entra.Token(TeamsUser.Ana.AadObjectId, DeliveryWorld.Tenant, _world.Time.GetUtcNow().AddHours(-3)),
            _ => "not-a-jwt",
        };

        foreach (var response in new[]
        {
            await SendAsync(HttpMethod.Get, "/tab/api/me", token),
            await SendAsync(HttpMethod.Post, "/tab/api/reminders", token, new { sessionId = Costs }),
        })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        Assert.Empty(await StoredRemindersOfAnaAsync());
        Assert.Equal(2, (await JsonAsync(HttpMethod.Get, "/tab/api/agenda", token))["days"]!.AsArray().Count);
    }

    [Fact]
    public async Task Without_a_token_the_tab_is_the_public_agenda_and_reminders_need_sign_in()
    {
        var me = await JsonAsync(HttpMethod.Get, "/tab/api/me");
        var set = await SendAsync(HttpMethod.Post, "/tab/api/reminders", body: new { sessionId = Costs });

        Assert.False(me["signedIn"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, set.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Delete, "/tab/api/reminders/1")).StatusCode);
    }

    [Fact]
    public async Task On_loopback_in_development_the_configured_developer_identity_is_the_user()
    {
        var developer = _world.StartBot(new Dictionary<string, string?> { ["AgendaTab:DeveloperAadObjectId"] = TeamsUser.Ana.AadObjectId });
        await developer.PostAsync(TeamsUser.Ana.Message(_world, "hi"));

        var response = await developer.Client.PostAsJsonAsync("/tab/api/reminders", new { sessionId = Costs, lead = 5 });
        var me = JsonNode.Parse(await developer.Client.GetStringAsync("/tab/api/me"))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(me["isDeveloper"]!.GetValue<bool>());
        Assert.Equal(5, Assert.Single(await StoredRemindersOfAnaAsync()).LeadMinutes);
    }

    [Theory]
    [InlineData("{\"sessionId\":\"no-such-session\"}")]
    [InlineData("{\"sessionId\":\"d1-migration-costs\",\"lead\":0}")]
    [InlineData("{\"sessionId\":\"d1-migration-costs\",\"lead\":\"soon\"}")]
    [InlineData("not json")]
    public async Task A_bad_reminder_request_is_a_400_problem(string body)
    {
        await _bot.PostAsync(TeamsUser.Ana.Message(_world, "hi"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/tab/api/reminders") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AnaToken());

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await StoredRemindersOfAnaAsync());
    }
}
