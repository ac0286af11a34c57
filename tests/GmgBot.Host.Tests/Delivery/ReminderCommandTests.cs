using GmgBot.Core.Delivery;
using System.Text.Json.Nodes;
using GmgBot.Core.Reminders;
using GmgBot.Protocol.Schema;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests.Delivery;

/// <summary>The delegates' side through real Teams activities: commands, the Remind me button (Action.Execute and its Action.Submit fallback), my reminders and cancel.</summary>
public sealed class ReminderCommandTests : IAsyncLifetime
{
    private const string Costs = "d1-migration-costs";
    private DeliveryWorld _world = null!;
    private BotProcess _bot = null!;

    public async Task InitializeAsync()
    {
        _world = await DeliveryWorld.CreateAsync();
        _bot = _world.StartBot();
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private async Task<Activity> SayAsync(string text, TeamsUser? user = null)
    {
        user ??= TeamsUser.Ana;
        await _bot.PostAsync(user.Message(_world, text));
        return _world.Delivered().Last(d => d.ConversationId == user.ConversationId).Activity;
    }

    private static string CardJson(Activity activity) => DeliveryWorld.Json(Assert.Single(activity.Attachments!).Content!);

    private static JsonObject CardOf(JsonObject invokeResponse)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", invokeResponse["type"]!.GetValue<string>());
        return invokeResponse["value"]!.AsObject();
    }

    /// <summary>The data of the card's button titled <paramref name="title"/>, and its verb.</summary>
    private static (string Verb, JsonObject Data) Button(JsonObject card, string title)
    {
        var action = CardTree.Descendants(card).First(o => o["title"]?.GetValue<string>() == title && o["type"]?.GetValue<string>() == "Action.Execute");
        return (action["verb"]!.GetValue<string>(), action["data"]!.AsObject());
    }

    [Fact]
    public async Task A_session_answer_offers_remind_me_with_a_lead_time_choice_and_the_day_a_compact_schedule()
    {
        var agenda = CardJson(await SayAsync("agenda day 1"));
        var next = CardJson(await SayAsync("next"));

        Assert.Contains("\"title\":\"Remind me\"", next, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"reminder.set\"", next, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Action.Submit\"", next, StringComparison.Ordinal);
        // A day's schedule is rows that open each session, not a row of buttons per session.
        Assert.DoesNotContain("\"title\":\"Remind me\"", agenda, StringComparison.Ordinal);
        Assert.Contains($"\"sessionId\":\"{Costs}\"", agenda, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"agenda.day\"", agenda, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_reminder_turns_the_card_into_its_new_state_for_the_user_with_undo_kept_by_teams_refresh()
    {
        var response = await _bot.ExecuteAsync(TeamsUser.Ana, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "30" });

        var card = CardOf(response);
        var text = DeliveryWorld.Json(card);
        Assert.Contains("✓ Reminder set · 30 min before · at 10:15 New York time", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":\"Remind me\"", text, StringComparison.Ordinal);
        var refresh = card["refresh"]!;
        Assert.Equal(("Action.Execute", "session.refresh", Costs), (refresh["action"]!["type"]!.GetValue<string>(),
            refresh["action"]!["verb"]!.GetValue<string>(), refresh["action"]!["data"]!["sessionId"]!.GetValue<string>()));
        Assert.Equal([TeamsUser.Ana.Id], refresh["userIds"]!.AsArray().Select(u => u!.GetValue<string>()));
        var reminder = Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));
        Assert.Equal((Costs, 30, TeamsUser.Ana.ConversationId, "Europe/London"), (reminder.SessionId, reminder.LeadMinutes, reminder.Recipient.ConversationId, reminder.Recipient.TimeZone));

        // Undo: the card says it is cancelled, and offers to set it again as it was.
        var (undoVerb, undoData) = Button(card, "Undo");
        var undone = CardOf(await _bot.ExecuteAsync(TeamsUser.Ana, undoVerb, undoData));
        Assert.Contains("Reminder cancelled", DeliveryWorld.Json(undone), StringComparison.Ordinal);
        Assert.Empty(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));
        var (redoVerb, redoData) = Button(undone, "Undo");
        await _bot.ExecuteAsync(TeamsUser.Ana, redoVerb, redoData);
        Assert.Equal(30, Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None)).LeadMinutes);

        // Teams refreshes the card when Ana opens the chat again: it shows the reminder as it stands, with Change and Cancel.
        var refreshed = DeliveryWorld.Json(CardOf(await _bot.ExecuteAsync(TeamsUser.Ana, "session.refresh", new JsonObject { ["sessionId"] = Costs })));
        Assert.Contains("⏰ Reminder set · 30 min before", refreshed, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Cancel reminder\"", refreshed, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Change\"", refreshed, StringComparison.Ordinal);
        var othersView = DeliveryWorld.Json(CardOf(await _bot.ExecuteAsync(TeamsUser.Delegate(3), "session.refresh", new JsonObject { ["sessionId"] = Costs })));
        Assert.DoesNotContain("Reminder set", othersView, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Remind me\"", othersView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_reminder_through_the_submit_fallback_updates_the_card_in_place_and_setting_it_again_changes_the_lead_time()
    {
        await _bot.PostAsync(TeamsUser.Ana.Submit(_world, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "10" }));
        await _bot.PostAsync(TeamsUser.Ana.Submit(_world, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "60" }));

        var updates = _world.Delivered().Where(d => d.ConversationId == TeamsUser.Ana.ConversationId).ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u => Assert.Equal(("PUT", "card-message-1"), (u.Method, u.ActivityId)));
        Assert.Contains("✓ Reminder set · 1 h before", CardJson(updates[1].Activity), StringComparison.Ordinal);
        Assert.Equal(60, Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None)).LeadMinutes);
    }

    [Fact]
    public async Task Remind_me_in_words_answers_with_one_message_the_session_card_set_for_the_user_and_no_nested_brackets()
    {
        var reply = await SayAsync("remind me about reducing migration costs 10 minutes before");

        Assert.Equal("Reminder set: 10 minutes before Reducing migration costs, at 10:35 New York time.", reply.Text);
        Assert.Contains("✓ Reminder set · 10 min before", CardJson(reply), StringComparison.Ordinal);
        Assert.Single(_world.Delivered());
    }

    [Fact]
    public async Task Remind_me_about_a_session_that_has_ended_says_so_and_offers_the_next_one()
    {
        _world.SetClock(new DateTimeOffset(2026, 3, 12, 16, 30, 0, TimeSpan.Zero)); // 12:30 in New York, day 1: lunch

        var reply = await SayAsync("remind me about reducing migration costs");

        Assert.StartsWith("Reducing migration costs has ended", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Next: Reducing inequality and promoting inclusive cities and societies at 14:00.", reply.Text, StringComparison.Ordinal);
        var card = CardJson(reply);
        Assert.Contains("Reducing inequality and promoting inclusive cities and societies", card, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Remind me\"", card, StringComparison.Ordinal);
        Assert.Empty(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_ambiguous_name_is_asked_back_with_rows_that_set_the_reminder_when_tapped()
    {
        var reply = await SayAsync("remind me about the coffee break 5 minutes before");

        Assert.Equal("Which session do you mean? Tap one.", reply.Text);
        var card = JsonNode.Parse(CardJson(reply))!.AsObject();
        var rows = CardTree.Descendants(card).Where(o => o["selectAction"]?["verb"]?.GetValue<string>() == ReminderVerbs.Set).ToList();
        Assert.True(rows.Count >= 2);

        var chosen = CardOf(await _bot.ExecuteAsync(TeamsUser.Ana, ReminderVerbs.Set, rows[0]["selectAction"]!["data"]!.AsObject()));
        Assert.Contains("✓ Reminder set · 5 min before", DeliveryWorld.Json(chosen), StringComparison.Ordinal);
        Assert.Contains("Coffee break", DeliveryWorld.Json(chosen), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remind me about", "Which session?")]
    [InlineData("remind me about the recap session 0 minutes before", "between 1 minute and 24 hours")]
    [InlineData("remind me about the zoology of penguins", "couldn't find a session still to come")]
    public async Task Requests_the_bot_cannot_act_on_get_a_helpful_reply(string text, string expected) =>
        Assert.Contains(expected, (await SayAsync(text)).Text, StringComparison.Ordinal);

    [Fact]
    public async Task My_reminders_lists_them_and_cancel_offers_undo_instead_of_asking_first()
    {
        await SayAsync("remind me about reducing migration costs");
        await SayAsync("remind me about the recap session 1 hour before");

        var list = await SayAsync("my reminders");
        var card = CardJson(list);
        Assert.Contains("1 · Reducing migration costs", card, StringComparison.Ordinal);
        Assert.Contains("2 · Recap session", card, StringComparison.Ordinal);
        Assert.Contains("15 min before", card, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"reminder.mine\"", card, StringComparison.Ordinal); // Teams' refresh keeps the list current

        var reminders = await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None);
        var costs = reminders.Single(r => r.SessionId == Costs);
        var (cancelVerb, cancelData) = Button(JsonNode.Parse(card)!.AsObject(), "Cancel");
        Assert.Equal(costs.Id, cancelData["reminderId"]!.GetValue<long>());
        var updated = CardOf(await _bot.ExecuteAsync(TeamsUser.Ana, cancelVerb, cancelData));
        var after = DeliveryWorld.Json(updated);
        Assert.Contains("Cancelled your reminder for Reducing migration costs.", after, StringComparison.Ordinal);
        Assert.Contains("1 · Recap session", after, StringComparison.Ordinal);
        var (undoVerb, undoData) = Button(updated, "Undo");
        var restored = DeliveryWorld.Json(CardOf(await _bot.ExecuteAsync(TeamsUser.Ana, undoVerb, undoData)));
        Assert.Contains("Your reminder for Reducing migration costs is back: 15 min before.", restored, StringComparison.Ordinal);
        Assert.Contains("1 · Reducing migration costs", restored, StringComparison.Ordinal);

        var cancelled = await SayAsync("cancel 2");
        Assert.Equal("Cancelled your reminder for Recap session.", cancelled.Text);
        Assert.Contains("\"title\":\"Undo\"", CardJson(cancelled), StringComparison.Ordinal);
        await SayAsync("cancel 1");
        Assert.Equal("You have no reminders to cancel.", (await SayAsync("cancel 1")).Text);

        _world.Time.Advance(TimeSpan.FromDays(3));
        await _bot.DeliverDueAsync();
        Assert.Empty(_world.Proactive(TeamsUser.Ana.ConversationId));
    }

    [Fact]
    public async Task Cancel_by_name_and_cancelling_someone_elses_reminder_does_nothing()
    {
        await SayAsync("remind me about reducing migration costs");
        var anas = Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));

        var forged = await _bot.ExecuteAsync(TeamsUser.Delegate(7), ReminderVerbs.Cancel, new JsonObject { ["reminderId"] = anas.Id });
        Assert.Contains("That reminder is not there any more", DeliveryWorld.Json(forged["value"]!), StringComparison.Ordinal);
        Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));

        Assert.Equal("Cancelled your reminder for Reducing migration costs.", (await SayAsync("cancel migration costs")).Text);
    }

    [Fact]
    public async Task Remind_me_in_a_channel_arrives_in_a_personal_chat_created_for_the_user()
    {
        var channel = TeamsUser.Ana.Message(_world, "<at>GmgBot</at> remind me about reducing migration costs");
        channel["conversation"] = new JsonObject { ["conversationType"] = "channel", ["tenantId"] = DeliveryWorld.Tenant, ["id"] = "19:general@thread.tacv2;messageid=1741598411456", ["isGroup"] = true };
        channel["entities"]!.AsArray().Add(new JsonObject { ["type"] = "mention", ["text"] = "<at>GmgBot</at>", ["mentioned"] = new JsonObject { ["id"] = DeliveryWorld.BotId, ["name"] = "GmgBot" } });
        await _bot.PostAsync(channel);

        var reply = _world.Delivered().Single();
        Assert.Contains("It will come in our personal chat.", reply.Activity.Text, StringComparison.Ordinal);
        Assert.Empty(reply.Activity.Attachments ?? []); // Ana's own reminder is not shown on a card the channel shares

        _world.SetClock(new DateTimeOffset(2026, 3, 12, 14, 30, 0, TimeSpan.Zero));
        await _bot.DeliverDueAsync();

        var create = Assert.Single(_world.Connector.Requests, r => r.Path == "/v3/conversations");
        var parameters = JsonNode.Parse(create.Body)!;
        Assert.Equal((TeamsUser.Ana.Id, DeliveryWorld.Tenant, false), (parameters["members"]![0]!["id"]!.GetValue<string>(),
            parameters["channelData"]!["tenant"]!["id"]!.GetValue<string>(), parameters["isGroup"]!.GetValue<bool>()));
        Assert.Contains("starts in 15 minutes", Assert.Single(_world.Proactive("a:created-" + TeamsUser.Ana.Id)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subscription_directory_tells_other_features_which_sessions_a_delegate_follows()
    {
        await SayAsync("remind me about reducing migration costs");
        await SayAsync("remind me about the recap session");

        var sessions = await _bot.Services.GetRequiredService<ISubscriptionDirectory>().SessionIdsOfAsync(TeamsUser.Ana.Id, CancellationToken.None);

        Assert.Equal([Costs, "d2-recap"], sessions.Order());
    }
}
