using System.Net;
using System.Text.Json.Nodes;
using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using GmgBot.Core.Cards;
using GmgBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Host.Tests;

/// <summary>How later features plug in: a card action verb and a command handler, registered in DI.</summary>
public sealed class ExtensionPointTests : IAsyncLifetime
{
    private BotHost _host = null!;

    private sealed class RemindAction : ICardActionHandler
    {
        public string Verb => "remind";

        public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new CardActionResult(
                BotReply.Plain($"Reminder set for {request.Data["session"]} ({request.Context.UserTimeZone})."),
                new AdaptiveCard { Body = [new TextBlock($"Reminder set: {request.Data["session"]}")] }));
    }

    private sealed class WhoIsCommand : IBotCommandHandler
    {
        public BotCommand Command => BotCommands.WhoIs;

        public Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(BotReply.Plain($"who is '{request.Argument}'"));
    }

    public async Task InitializeAsync() => _host = await BotHost.StartAsync(configureServices: services => services
        .AddCardActionHandler<RemindAction>()
        .AddBotCommandHandler<WhoIsCommand>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_registered_verb_answers_action_execute_with_its_updated_card()
    {
        var activity = _host.LoadActivity("adaptive-card-action");
        activity["value"]!["action"]!["verb"] = "remind";
        activity["value"]!["action"]!["data"] = new JsonObject { ["session"] = "S3" };

        var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(AdaptiveCard.ContentType, body["type"]!.GetValue<string>());
        Assert.Contains("Reminder set: S3", body["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_verb_handles_action_submit_in_a_personal_chat_by_updating_the_card_in_place()
    {
        var activity = _host.LoadActivity("action-submit");
        activity["value"] = new JsonObject { ["verb"] = "remind", ["session"] = "S3" };

        await _host.PostAsync(activity);

        var (request, update) = Assert.Single(_host.SentActivities());
        Assert.Equal(("PUT", "/v3/conversations/a%3A1PersonalChatWithAnaDelegate/activities/1741598000000"), (request.Method, request.Path));
        Assert.Contains("Reminder set: S3", update.Attachments![0].Content!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_verb_pressed_through_action_submit_in_a_shared_chat_replies_instead_of_changing_everyones_card()
    {
        var activity = _host.LoadActivity("action-submit");
        activity["conversation"] = new JsonObject { ["id"] = "19:meeting_planning@thread.v2", ["conversationType"] = "groupChat", ["isGroup"] = true };
        activity["value"] = new JsonObject { ["verb"] = "remind", ["session"] = "S3" };

        await _host.PostAsync(activity);

        var (request, reply) = Assert.Single(_host.SentActivities());
        Assert.Equal("POST", request.Method);
        Assert.Equal("Reminder set for S3 (Europe/London).", reply.Text);
    }

    [Fact]
    public async Task Two_handlers_for_one_command_are_a_wiring_error_that_names_the_command()
    {
        await using var host = await BotHost.StartAsync(configureServices: services => services
            .AddBotCommandHandler<WhoIsCommand>()
            .AddSingleton<IBotCommandHandler>(new WhoIsCommand()));

        var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<GmgBot.Protocol.IBot>());

        Assert.Contains("who is", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_command_handler_gets_the_text_after_its_command()
    {
        var activity = _host.LoadActivity("personal-message");
        activity["text"] = "Who  is Ana Delegate";

        await _host.PostAsync(activity);

        Assert.Equal("who is 'Ana Delegate'", Assert.Single(_host.SentActivities()).Activity.Text);
    }

    [Fact]
    public void Two_handlers_for_one_verb_are_a_wiring_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CardActionRegistry([new RemindAction(), new RemindAction()]));

        Assert.Contains("remind", error.Message, StringComparison.Ordinal);
    }
}

public sealed class BotCommandsTests
{
    [Theory]
    [InlineData("help", "help", "")]
    [InlineData("/HELP", "help", "")]
    [InlineData("who is Ana Delegate", "who is", "Ana Delegate")]
    [InlineData("remind me about  the opening session", "remind me", "about the opening session")]
    [InlineData("my reminders", "my reminders", "")]
    [InlineData("sdg 10.7", "sdg", "10.7")]
    [InlineData("agenda day 2", "agenda", "day 2")]
    public void Text_is_matched_to_its_command_and_argument(string text, string command, string argument)
    {
        var match = BotCommands.Match(text)!;

        Assert.Equal((command, argument), (match.Command.Name, match.Argument));
    }

    [Theory]
    [InlineData("helpful people")]
    [InlineData("who chairs day 2?")]
    [InlineData("nowhere")]
    public void Text_that_only_starts_like_a_command_word_is_a_question(string text)
    {
        Assert.Null(BotCommands.Match(text));
    }

    [Fact]
    public void The_catalogue_fits_a_Teams_manifest_command_list()
    {
        // Teams: at most 12 commands per list, titles up to 32 and descriptions up to 128 characters.
        Assert.InRange(BotCommands.All.Count, 1, 12);
        Assert.All(BotCommands.All, c => Assert.InRange(c.Name.Length, 1, 32));
        Assert.All(BotCommands.All, c => Assert.InRange(c.Description.Length, 1, 128));
        Assert.Equal(BotCommands.All.Count, BotCommands.All.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
