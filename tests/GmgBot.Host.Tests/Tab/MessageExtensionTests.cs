using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Core.Tests;
using GmgBot.Host.Tests.Delivery;
using GmgBot.Host.Tests.Support;

namespace GmgBot.Host.Tests.Tab;

/// <summary>
/// The compose box's agenda search through the real host: composeExtension/query, /selectItem and /queryLink invokes as
/// Teams posts them. The cards are written to artifacts/cards/ for the official adaptivecards parser and the render
/// checks in CI (tests/cards/validate-cards.mjs, render-cards.mjs).
/// </summary>
public sealed class MessageExtensionTests : IAsyncLifetime
{
    private const string Costs = "d1-migration-costs";
    private DeliveryWorld _world = null!;
    private BotProcess _bot = null!;

    public async Task InitializeAsync()
    {
        _world = await DeliveryWorld.CreateAsync();
        _bot = _world.StartBot(new Dictionary<string, string?> { ["Calendar:PublicBaseUrl"] = "https://gmgbot.example.org/" });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>An invoke from a group chat the bot is not in, as Teams sends it when someone uses the compose box there.</summary>
    private async Task<JsonObject> InvokeAsync(string name, JsonNode value)
    {
        var activity = TeamsUser.Ana.Execute(_world, "unused", new JsonObject());
        activity.Remove("replyToId");
        activity["name"] = name;
        activity["value"] = value;
        activity["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["tenantId"] = DeliveryWorld.Tenant, ["id"] = "19:group-chat@thread.v2" };
        var response = await _bot.PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["composeExtension"]!.AsObject();
    }

    private Task<JsonObject> QueryAsync(string text) => InvokeAsync("composeExtension/query", new JsonObject
    {
        ["commandId"] = "searchAgenda",
        ["parameters"] = new JsonArray(new JsonObject { ["name"] = "query", ["value"] = text }),
        ["queryOptions"] = new JsonObject { ["skip"] = 0, ["count"] = 25 },
    });

    private static void WriteCard(string name, JsonNode card) =>
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "cards")).FullName, name + ".json"),
            card.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    [Theory]
    [InlineData("migration costs", "Session", Costs, "Reducing migration costs")]
    [InlineData("orozco", "Person", "manuel-orozco", "Manuel Orozco")]
    [InlineData("10.7", "Target", "10.7", "SDG target 10.7")]
    public async Task A_search_lists_result_cards_with_previews_and_picking_one_gives_the_full_card_for_any_reader(string text, string kind, string id, string title)
    {
        var results = await QueryAsync(text);

        Assert.Equal(("result", "list"), (results["type"]!.GetValue<string>(), results["attachmentLayout"]!.GetValue<string>()));
        var first = results["attachments"]!.AsArray().Select(a => a!.AsObject()).First(a => a["preview"]!["content"]!["title"]!.GetValue<string>() == title);
        Assert.Equal("application/vnd.microsoft.card.adaptive", first["contentType"]!.GetValue<string>());
        var tap = first["preview"]!["content"]!["tap"]!;
        Assert.Equal(("invoke", kind, id), (tap["type"]!.GetValue<string>(), tap["value"]!["kind"]!.GetValue<string>(), tap["value"]!["id"]!.GetValue<string>()));

        var picked = await InvokeAsync("composeExtension/selectItem", tap["value"]!.DeepClone());
        var card = Assert.Single(picked["attachments"]!.AsArray())!["content"]!;
        WriteCard($"message-extension-{kind.ToLowerInvariant()}", card);
        var json = DeliveryWorld.Json(card);
        Assert.Contains(title.Replace("SDG target ", "", StringComparison.Ordinal), json, StringComparison.Ordinal);
        // Readers in that chat may never have talked to the bot: nothing sends it a message on their behalf.
        var actions = CardTree.Descendants(card).Where(n => n["type"]?.GetValue<string>().StartsWith("Action.", StringComparison.Ordinal) == true).ToList();
        Assert.DoesNotContain(actions, a => a["type"]!.GetValue<string>() == "Action.Submit" && !IsFallbackOfExecute(a));
        Assert.All(actions.Where(a => a["type"]!.GetValue<string>() == "Action.OpenUrl"), a => Assert.StartsWith("https://", a["url"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    // An Action.Execute's Action.Submit fallback is for clients without Universal Actions; Teams runs the Execute.
    private static bool IsFallbackOfExecute(JsonObject action) =>
        action.Parent is JsonObject holder && holder["type"]?.GetValue<string>() == "Action.Execute";

    [Fact]
    public async Task A_shared_session_card_keeps_remind_me_and_opens_sessions_in_the_agenda_tab()
    {
        var picked = await InvokeAsync("composeExtension/selectItem", new JsonObject { ["kind"] = "Session", ["id"] = Costs });

        var json = DeliveryWorld.Json(Assert.Single(picked["attachments"]!.AsArray())!["content"]!);
        Assert.Contains("\"verb\":\"reminder.set\"", json, StringComparison.Ordinal);
        Assert.Contains("Conference Room 6", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_search_lists_what_is_on_now_and_next_and_nothing_found_says_what_to_try()
    {
        _world.SetClock(new DateTimeOffset(2026, 3, 12, 15, 0, 0, TimeSpan.Zero));
        var initial = await InvokeAsync("composeExtension/query", new JsonObject
        {
            ["commandId"] = "searchAgenda",
            ["parameters"] = new JsonArray(new JsonObject { ["name"] = "initialRun", ["value"] = "true" }),
        });
        Assert.Equal("Reducing migration costs", initial["attachments"]![0]!["preview"]!["content"]!["title"]!.GetValue<string>());

        var none = await QueryAsync("zzzz qqqq");
        Assert.Equal("message", none["type"]!.GetValue<string>());
        Assert.Contains("Nothing on the agenda matches", none["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gone_item_and_a_bad_query_get_messages_not_errors()
    {
        var gone = await InvokeAsync("composeExtension/selectItem", new JsonObject { ["kind"] = "Session", ["id"] = "no-such-session" });
        var tooLong = await QueryAsync(new string('x', 101));

        Assert.Equal("message", gone["type"]!.GetValue<string>());
        Assert.Equal("message", tooLong["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_bots_own_session_and_agenda_links_unfurl_into_cards_and_other_links_do_not()
    {
        var session = await InvokeAsync("composeExtension/queryLink", new JsonObject { ["url"] = $"https://gmgbot.example.org/calendar/sessions/{Costs}.ics" });
        var page = await InvokeAsync("composeExtension/queryLink", new JsonObject { ["url"] = "https://gmgbot.example.org/tab/?session=d2-mainstreaming" });
        var agenda = await InvokeAsync("composeExtension/queryLink", new JsonObject { ["url"] = "https://gmgbot.example.org/calendar/agenda.ics" });
        var other = await InvokeAsync("composeExtension/queryLink", new JsonObject { ["url"] = "https://elsewhere.example.org/calendar/agenda.ics" });

        Assert.Equal("Reducing migration costs", session["attachments"]![0]!["preview"]!["content"]!["title"]!.GetValue<string>());
        Assert.Contains("Mainstreaming", page["attachments"]![0]!["preview"]!["content"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var agendaCard = agenda["attachments"]![0]!["content"]!;
        WriteCard("message-extension-agenda-link", agendaCard);
        Assert.Contains("Day 2", DeliveryWorld.Json(agendaCard), StringComparison.Ordinal);
        Assert.Empty(other["attachments"]!.AsArray());
    }
}
