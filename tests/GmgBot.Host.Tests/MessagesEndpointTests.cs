using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using GmgBot.Core.Cards;
using GmgBot.Host.Tests.Support;
using GmgBot.Protocol.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests;

/// <summary>Real Teams activities posted to /api/messages; replies checked where the Bot Connector receives them.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private BotHost _host = null!;

    public async Task InitializeAsync() => _host = await BotHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(RecordedRequestView Request, Activity Activity)> SingleReplyAsync()
    {
        var (request, activity) = Assert.Single(_host.SentActivities());
        return (new RecordedRequestView(request.Method, request.Path), activity);
    }

    private sealed record RecordedRequestView(string Method, string Path);

    private static JsonObject CardOf(Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(AdaptiveCard.ContentType, attachment.ContentType);
        return attachment.Content!.AsObject();
    }

    /// <summary>What the user sees of a reply: its text and its cards' text, as written (no JSON escapes).</summary>
    private static string Visible(Activity activity) =>
        activity.Text + string.Concat((activity.Attachments ?? []).Select(a => a.Content!.ToJsonString(
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })));

    [Fact]
    public async Task Help_in_a_personal_chat_is_one_card_whose_rows_send_their_commands_with_a_one_line_summary()
    {
        var response = await _host.PostAsync(_host.LoadActivity("personal-message"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (request, reply) = await SingleReplyAsync();
        Assert.Equal(("POST", "/v3/conversations/a%3A1PersonalChatWithAnaDelegate/activities/1741598102123"), (request.Method, request.Path));
        Assert.Equal(("28:00000000-0000-0000-0000-00000000b07a", "29:1aYhYyVZqnT-personal-user"), (reply.From!.Id, reply.Recipient!.Id));
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.DoesNotContain('\n', reply.Text!);
        Assert.Equal(reply.Text, reply.Summary);

        var card = CardOf(reply);
        var commands = CardTree.Descendants(card).Where(o => o["data"]?["verb"]?.GetValue<string>() == BotCommands.SendVerb)
            .Select(o => o["data"]!["command"]!.GetValue<string>()).ToList();
        foreach (var command in BotCommands.All.Where(c => c != BotCommands.Help))
        {
            Assert.Contains(commands, sent => BotCommands.Match(sent)?.Command == command);
        }
        Assert.All(commands, c => Assert.DoesNotContain('<', c));
        Assert.DoesNotContain("**", card["fallbackText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_in_a_personal_chat_suggests_what_to_do_next_and_not_what_was_just_asked()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = "my reminders";

        await _host.PostAsync(activity);

        var (_, reply) = await SingleReplyAsync();
        var suggested = reply.SuggestedActions!;
        Assert.Equal(["29:1aYhYyVZqnT-personal-user"], suggested["to"]!.AsArray().Select(t => t!.GetValue<string>()));
        var actions = suggested["actions"]!.AsArray();
        Assert.InRange(actions.Count, 2, FollowUps.Max);
        Assert.All(actions, a => Assert.Equal(("imBack", a!["title"]!.GetValue<string>()), (a["type"]!.GetValue<string>(), a["value"]!.GetValue<string>())));
        Assert.All(actions, a => Assert.NotNull(BotCommands.Match(a!["value"]!.GetValue<string>())));
        Assert.DoesNotContain(actions, a => a!["value"]!.GetValue<string>().Equals("my reminders", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(actions, a => a!["value"]!.GetValue<string>() == "Help");
    }

    [Fact]
    public async Task A_command_button_runs_its_command_as_if_it_had_been_typed()
    {
        var activity = _host.LoadActivity("action-submit");
        activity["value"] = new JsonObject { ["verb"] = BotCommands.SendVerb, ["command"] = "agenda day 2" };

        await _host.PostAsync(activity);

        var (_, reply) = await SingleReplyAsync();
        Assert.StartsWith("Day 2,", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Recap session", Visible(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_at_mention_in_a_channel_is_stripped_before_the_command_is_read()
    {
        var response = await _host.PostAsync(_host.LoadActivity("channel-mention"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (request, reply) = await SingleReplyAsync();
        Assert.Equal("/v3/conversations/19%3Ac0ffee00general%40thread.tacv2%3Bmessageid%3D1741598411456/activities/1741598411456", request.Path);
        Assert.StartsWith("Here is what I can do", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.SuggestedActions); // Teams shows suggested actions in 1:1 chats only
    }

    [Fact]
    public async Task A_channel_records_its_team_and_name_for_the_organizers()
    {
        var activity = _host.LoadActivity("channel-mention");
        activity["channelData"]!["team"]!["name"] = "GMG Secretariat";
        activity["channelData"]!["channel"]!["name"] = "Meeting logistics";

        await _host.PostAsync(activity);

        var stored = await _host.Services.GetRequiredService<IConversationStore>().FindAsync("19:c0ffee00general@thread.tacv2", CancellationToken.None);
        Assert.Equal(("GMG Secretariat", "Meeting logistics"), (stored!.Snapshot.TeamName, stored.Snapshot.Name));
        Assert.NotNull(stored.Snapshot.TeamId);
    }

    [Fact]
    public async Task Installing_the_bot_greets_once_with_a_welcome_card_though_Teams_sends_two_events()
    {
        var first = await _host.PostAsync(_host.LoadActivity("conversation-update-bot-added"));
        var second = await _host.PostAsync(_host.LoadActivity("installation-update-add"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var (request, welcome) = await SingleReplyAsync();
        Assert.Equal("/v3/conversations/a%3A1PersonalChatWithAnaDelegate/activities/f%3A2e6b4c8a-0000-0000-0000-000000000001", request.Path);
        Assert.Contains("Welcome to GmgBot", CardOf(welcome).ToJsonString(), StringComparison.Ordinal);
        var sent = CardOf(welcome)["actions"]!.AsArray().Select(a => a!["data"]!["command"]!.GetValue<string>());
        Assert.Equal(["agenda", "help"], sent);
        Assert.NotNull(welcome.SuggestedActions);
    }

    [Fact]
    public async Task An_installation_update_alone_greets_and_a_reinstall_greets_again()
    {
        await _host.PostAsync(_host.LoadActivity("installation-update-add"));
        await _host.PostAsync(_host.LoadActivity("installation-update-remove"));
        await _host.PostAsync(_host.LoadActivity("installation-update-add"));

        var sent = _host.SentActivities();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, s => Assert.Contains("Welcome to GmgBot", CardOf(s.Activity).ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_action_submit_is_routed_to_its_verb_handler()
    {
        var response = await _host.PostAsync(_host.LoadActivity("action-submit"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = await SingleReplyAsync();
        Assert.StartsWith("Here is what I can do", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_submit_with_an_unknown_verb_gets_a_polite_reply()
    {
        var activity = _host.LoadActivity("action-submit");
        activity["value"] = new JsonObject { ["verb"] = "no-such-verb" };

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = await SingleReplyAsync();
        Assert.Contains("can't handle that button", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_execute_is_answered_in_the_invoke_response_body()
    {
        var response = await _host.PostAsync(_host.LoadActivity("adaptive-card-action"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", body["value"]!["type"]!.GetValue<string>());
        Assert.Contains("What I can do", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_host.SentActivities());
    }

    [Fact]
    public async Task An_action_execute_with_an_unknown_verb_gets_an_error_invoke_response()
    {
        var activity = _host.LoadActivity("adaptive-card-action");
        activity["value"]!["action"]!["verb"] = "no-such-verb";

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
        Assert.Equal("UnknownVerb", body["value"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("**", body["value"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_know_gets_501()
    {
        var activity = _host.LoadActivity("adaptive-card-action");
        // An action-based message extension's dialog: the app has a search-based one only.
        activity["name"] = "composeExtension/fetchTask";

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_body_instead_of_the_connector()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["deliveryMode"] = "expectReplies";

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = JsonSerializer.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync(), BotJson.Options)!;
        Assert.StartsWith("Here is what I can do", Assert.Single(replies.Activities).Text, StringComparison.Ordinal);
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("", "didn't get any text")]
    [InlineData("   ", "didn't get any text")]
    [InlineData("/frobnicate now", "don't know the command \"/frobnicate\"")]
    [InlineData("what is the capital of France?", "Type **help**")]
    [InlineData("agenda day 2", "Recap session")]
    [InlineData("agenda day 3", "There is no day 3: Technical Working Level Meeting has two days")]
    [InlineData("Who chairs the recap session?", "Michelle Leighton")]
    public async Task Text_gets_an_answer_or_a_helpful_reply_never_silence(string text, string expected)
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = text;

        await _host.PostAsync(activity);

        var (_, reply) = await SingleReplyAsync();
        Assert.Contains(expected, Visible(reply), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_over_the_limit_is_refused_politely()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = new string('x', BotMessages.MaxQuestionLength + 1);

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, reply) = await SingleReplyAsync();
        Assert.Contains("up to 2,000", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"type\": 42}")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_activities_get_400_with_a_problem_body(string body)
    {
        var response = await _host.PostRawAsync(body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
    }

    [Fact]
    public async Task An_activity_without_a_service_url_to_reply_to_gets_400()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["serviceUrl"] = "not a url";

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_gets_415(string contentType)
    {
        var response = await _host.PostRawAsync(_host.LoadActivity("personal-message").ToJsonString(), contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task A_huge_body_gets_413()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = new string('x', 300 * 1024);

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }
}
