using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GmgBot.Protocol.Tests;

public sealed class CloudAdapterTests : IAsyncLifetime
{
    private LocalServer _connector = null!;
    private CloudAdapter _adapter = null!;

    public async Task InitializeAsync()
    {
        _connector = await LocalServer.StartConnectorAsync();
        _adapter = ProtocolServices.Create().GetRequiredService<CloudAdapter>();
    }

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private Activity Inbound(string type, string? text = null) => new()
    {
        Type = type,
        Id = "in-1",
        Text = text,
        ChannelId = Channels.Msteams,
        ServiceUrl = _connector.BaseAddress.AbsoluteUri,
        From = new ChannelAccount("29:user", "Ana"),
        Recipient = new ChannelAccount("28:bot", "GmgBot"),
        Conversation = new ConversationAccount { Id = "a:conv", ConversationType = ConversationTypes.Personal, TenantId = "t1" },
    };

    private sealed class EchoBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync("echo: " + turnContext.Activity.Text, cancellationToken);

        protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(
            ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
            Task.FromResult(AdaptiveCardInvokeResponse.Message("did " + invokeValue.Action!.Verb));
    }

    private sealed class SilentBot : ActivityHandler;

    private sealed class FailingBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task A_message_turn_replies_through_the_connector_and_answers_with_no_body()
    {
        var response = await _adapter.ProcessActivityAsync(null, Inbound(ActivityTypes.Message, "hi"), new EchoBot(), CancellationToken.None);

        Assert.Null(response);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/a%3Aconv/activities/in-1", request.Path);
        var sent = JsonSerializer.Deserialize<Activity>(request.Body, BotJson.Options)!;
        Assert.Equal(("echo: hi", "28:bot", "29:user", "in-1"), (sent.Text, sent.From!.Id, sent.Recipient!.Id, sent.ReplyToId));
    }

    [Fact]
    public async Task Expect_replies_returns_the_replies_in_the_body_and_sends_nothing()
    {
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;

        var response = await _adapter.ProcessActivityAsync(null, activity, new EchoBot(), CancellationToken.None);

        Assert.Equal(200, response!.Status);
        var replies = Assert.IsType<ExpectedReplies>(response.Body);
        Assert.Equal("echo: hi", Assert.Single(replies.Activities).Text);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task An_adaptive_card_action_is_answered_in_the_invoke_response()
    {
        var activity = Inbound(ActivityTypes.Invoke);
        activity.Name = "adaptiveCard/action";
        activity.Value = JsonNode.Parse("""{"action":{"type":"Action.Execute","verb":"refresh"},"trigger":"manual"}""");

        var response = await _adapter.ProcessActivityAsync(null, activity, new EchoBot(), CancellationToken.None);

        Assert.Equal(200, response!.Status);
        var body = JsonSerializer.SerializeToNode(response.Body, BotJson.Options)!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal(AdaptiveCardInvokeResponse.MessageContentType, body["type"]!.GetValue<string>());
        Assert.Equal("did refresh", body["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_handle_gets_501()
    {
        var activity = Inbound(ActivityTypes.Invoke);
        activity.Name = "composeExtension/query";

        var response = await _adapter.ProcessActivityAsync(null, activity, new SilentBot(), CancellationToken.None);

        Assert.Equal(501, response!.Status);
    }

    [Fact]
    public async Task An_adaptive_card_invoke_without_an_action_gets_400_with_an_error_body()
    {
        var activity = Inbound(ActivityTypes.Invoke);
        activity.Name = "adaptiveCard/action";
        activity.Value = JsonNode.Parse("""{"trigger":"manual"}""");

        var response = await _adapter.ProcessActivityAsync(null, activity, new EchoBot(), CancellationToken.None);

        Assert.Equal(400, response!.Status);
        var body = JsonSerializer.SerializeToNode(response.Body, BotJson.Options)!;
        Assert.Equal(AdaptiveCardInvokeResponse.ErrorContentType, body["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_turn_goes_to_the_turn_error_handler()
    {
        Exception? seen = null;
        _adapter.OnTurnError = (context, exception) =>
        {
            seen = exception;
            return context.SendActivityAsync("sorry");
        };

        await _adapter.ProcessActivityAsync(null, Inbound(ActivityTypes.Message, "hi"), new FailingBot(), CancellationToken.None);

        Assert.Equal("boom", seen!.Message);
        Assert.Contains("\"sorry\"", Assert.Single(_connector.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Continue_conversation_posts_a_new_message_to_the_stored_conversation()
    {
        var reference = Inbound(ActivityTypes.Message).GetConversationReference();

        await _adapter.ContinueConversationAsync(reference, (context, ct) => context.SendActivityAsync("reminder", ct), CancellationToken.None);

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/a%3Aconv/activities", request.Path);
        var sent = JsonSerializer.Deserialize<Activity>(request.Body, BotJson.Options)!;
        Assert.Equal(("reminder", "28:bot", "29:user"), (sent.Text, sent.From!.Id, sent.Recipient!.Id));
        Assert.Null(sent.ReplyToId);
    }

    [Fact]
    public async Task Create_conversation_opens_a_personal_chat_then_sends_into_it()
    {
        await using var connector = await LocalServer.StartAsync((context, request) => context.Response.WriteAsJsonAsync(
            request.Path == "/v3/conversations" ? new { id = "a:created" } : (object)new { id = "m1" }));
        var parameters = ConversationParameters.ForPersonalChat(new ChannelAccount("28:bot"), new ChannelAccount("29:user"), "t1");

        var reference = await _adapter.CreateConversationAsync(Channels.Msteams, connector.BaseAddress.AbsoluteUri, parameters,
            (context, ct) => context.SendActivityAsync("hello", ct), CancellationToken.None);

        Assert.Equal(["POST /v3/conversations", "POST /v3/conversations/a%3Acreated/activities"], connector.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(("a:created", "t1", "29:user"), (reference.Conversation!.Id, reference.Conversation.TenantId, reference.User!.Id));
    }
}
