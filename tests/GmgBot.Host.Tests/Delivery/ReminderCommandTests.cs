using GmgBot.Core.Delivery;
using System.Text.Json.Nodes;
using GmgBot.Core.Reminders;
using GmgBot.Protocol.Schema;
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

    [Fact]
    public async Task Agenda_next_and_session_answers_carry_remind_me_buttons_with_a_lead_time_choice()
    {
        var agenda = CardJson(await SayAsync("agenda day 1"));
        var next = CardJson(await SayAsync("next"));

        foreach (var card in new[] { agenda, next })
        {
            Assert.Contains("\"title\":\"Remind me\"", card, StringComparison.Ordinal);
            Assert.Contains("\"verb\":\"reminder.set\"", card, StringComparison.Ordinal);
            Assert.Contains("\"type\":\"Action.Submit\"", card, StringComparison.Ordinal);
        }
        Assert.Contains($"\"id\":\"lead-{Costs}\"", agenda, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"15\"", agenda, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_me_by_action_execute_answers_in_the_invoke_response_with_the_chosen_lead_time()
    {
        var response = await _bot.ExecuteAsync(TeamsUser.Ana, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "30" });

        Assert.Equal("application/vnd.microsoft.activity.message", response["type"]!.GetValue<string>());
        Assert.StartsWith("Done: I'll remind you 30 minutes before **Reducing migration costs**", response["value"]!.GetValue<string>(), StringComparison.Ordinal);
        var reminder = Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));
        Assert.Equal((Costs, 30, TeamsUser.Ana.ConversationId, "Europe/London"), (reminder.SessionId, reminder.LeadMinutes, reminder.Recipient.ConversationId, reminder.Recipient.TimeZone));
    }

    [Fact]
    public async Task Remind_me_by_action_submit_replies_in_the_chat_and_setting_it_again_changes_the_lead_time()
    {
        await _bot.PostAsync(TeamsUser.Ana.Submit(_world, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "10" }));
        await _bot.PostAsync(TeamsUser.Ana.Submit(_world, ReminderVerbs.Set, new JsonObject { ["sessionId"] = Costs, [$"lead-{Costs}"] = "60" }));

        var replies = _world.Delivered().Where(d => d.ConversationId == TeamsUser.Ana.ConversationId).ToList();
        Assert.Equal(2, replies.Count);
        Assert.All(replies, r => Assert.Equal("1741599041003", r.ReplyTo));
        Assert.StartsWith("Done: I'll remind you 1 hour before", replies[1].Activity.Text, StringComparison.Ordinal);
        Assert.Equal(60, Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None)).LeadMinutes);
    }

    [Fact]
    public async Task An_ambiguous_name_is_asked_back_with_the_candidate_sessions()
    {
        var reply = await SayAsync("remind me about the coffee break 5 minutes before");

        Assert.Equal("Which session do you mean?", reply.Text);
        var card = CardJson(reply);
        Assert.Contains("Remind me 5 minutes before", card, StringComparison.Ordinal);
        Assert.True(card.Split("Coffee break").Length > 2);

        var choice = JsonNode.Parse(card)!["body"]!.AsArray().OfType<JsonObject>().First(e => e["type"]!.GetValue<string>() == "Container")!
            ["items"]!.AsArray().Last()!["actions"]![0]!["data"]!.AsObject();
        var chosen = await _bot.ExecuteAsync(TeamsUser.Ana, ReminderVerbs.Set, choice);
        Assert.Contains("Done: I'll remind you 5 minutes before **Coffee break**", DeliveryWorld.Json(chosen["value"]!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remind me about", "Which session?")]
    [InlineData("remind me about the recap session 0 minutes before", "between 1 minute and 24 hours")]
    [InlineData("remind me about the zoology of penguins", "couldn't find a session still to come")]
    public async Task Requests_the_bot_cannot_act_on_get_a_helpful_reply(string text, string expected) =>
        Assert.Contains(expected, (await SayAsync(text)).Text, StringComparison.Ordinal);

    [Fact]
    public async Task My_reminders_lists_them_and_cancel_removes_one_so_it_never_fires()
    {
        await SayAsync("remind me about reducing migration costs");
        await SayAsync("remind me about the recap session 1 hour before");

        var list = await SayAsync("my reminders");
        var card = CardJson(list);
        Assert.Contains("1. Reducing migration costs", card, StringComparison.Ordinal);
        Assert.Contains("2. Recap session", card, StringComparison.Ordinal);
        Assert.Contains("15 minutes before", card, StringComparison.Ordinal);

        var reminders = await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None);
        var costs = reminders.Single(r => r.SessionId == Costs);
        var updated = await _bot.ExecuteAsync(TeamsUser.Ana, ReminderVerbs.Cancel, new JsonObject { ["reminderId"] = costs.Id });
        var after = DeliveryWorld.Json(updated["value"]!);
        Assert.DoesNotContain("Reducing migration costs", after, StringComparison.Ordinal);
        Assert.Contains("1. Recap session", after, StringComparison.Ordinal);

        Assert.StartsWith("Cancelled your reminder for **Recap session**", (await SayAsync("cancel 1")).Text, StringComparison.Ordinal);
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
        Assert.Contains("You have no reminders", DeliveryWorld.Json(forged["value"]!), StringComparison.Ordinal);
        Assert.Single(await _bot.Services.GetRequiredService<IReminderStore>().OfUserAsync(TeamsUser.Ana.Id, CancellationToken.None));

        Assert.StartsWith("Cancelled your reminder for **Reducing migration costs**", (await SayAsync("cancel migration costs")).Text, StringComparison.Ordinal);
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
