using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;
using GmgBot.Protocol.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

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

    private static CloudAdapter Adapter(IDictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        ProtocolServices.Create(settings, services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
        }).GetRequiredService<CloudAdapter>();

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

    /// <summary>Remembers what it saw and echoes; <see cref="Hold"/> keeps it from finishing, whatever its token says.</summary>
    private sealed class WatchingBot : ActivityHandler
    {
        public int Turns { get; private set; }
        public string? SenderObjectId { get; private set; }
        public TaskCompletionSource? Hold { get; init; }
        public TaskCompletionSource Cancelled { get; } = new();

        protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            Turns++;
            SenderObjectId = turnContext.Activity.From?.AadObjectId;
            cancellationToken.Register(() => Cancelled.TrySetResult());
            if (Hold is not null)
            {
                await Hold.Task;
            }

            await turnContext.SendActivityAsync("echo", cancellationToken);
        }
    }

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

    private sealed class UpdatingBot : ActivityHandler
    {
        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            var update = Activity.CreateMessageActivity("updated");
            update.Id = "card-1";
            return turnContext.UpdateActivityAsync(update, cancellationToken);
        }
    }

    [Fact]
    public async Task Expect_replies_without_a_service_url_returns_an_update_with_the_replies()
    {
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        activity.ServiceUrl = null;

        var response = await _adapter.ProcessActivityAsync(null, activity, new UpdatingBot(), CancellationToken.None);

        var update = Assert.Single(Assert.IsType<ExpectedReplies>(response!.Body).Activities);
        Assert.Equal(("updated", "card-1"), (update.Text, update.Id));
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

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    [InlineData("emulator")]
    [InlineData(null)]
    public async Task Activities_from_other_channels_than_teams_are_refused_before_the_bot_runs(string? channelId)
    {
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.ChannelId = channelId;
        var bot = new WatchingBot();

        await Assert.ThrowsAsync<ActivityRefusedException>(() => _adapter.ProcessActivityAsync(null, activity, bot, CancellationToken.None));

        Assert.Equal(0, bot.Turns);
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_tenant_the_bot_does_not_serve_hears_the_refusal_and_the_bot_never_runs()
    {
        var adapter = Adapter(new Dictionary<string, string?> { ["Security:AllowedTenantIds:0"] = "t-own" });
        adapter.OnTenantRefused = context => context.SendActivityAsync("not for your organization");
        var bot = new WatchingBot();

        await adapter.ProcessActivityAsync(null, Inbound(ActivityTypes.Message, "hi"), bot, CancellationToken.None);

        Assert.Equal(0, bot.Turns);
        Assert.Contains("not for your organization", Assert.Single(_connector.Requests).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("http://10.0.0.5:8080/")]
    public async Task Without_authentication_a_crafted_service_url_is_refused_before_the_bot_runs(string serviceUrl)
    {
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.ServiceUrl = serviceUrl;
        var bot = new WatchingBot();

        await Assert.ThrowsAsync<ActivityRefusedException>(() => _adapter.ProcessActivityAsync(null, activity, bot, CancellationToken.None));

        Assert.Equal(0, bot.Turns);
    }

    [Theory]
    [InlineData("false", "6b3c0b3e-0000-0000-0000-000000000001")]
    [InlineData("true", null)]
    public async Task An_unauthenticated_senders_object_id_is_believed_only_in_local_development(string networkAccess, string? seen)
    {
        var adapter = Adapter(new Dictionary<string, string?> { ["Security:AllowAnonymousNetworkAccess"] = networkAccess });
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.From!.AadObjectId = "6b3c0b3e-0000-0000-0000-000000000001";
        var bot = new WatchingBot();

        await adapter.ProcessActivityAsync(null, activity, bot, CancellationToken.None);

        Assert.Equal(seen, bot.SenderObjectId);
    }

    [Fact]
    public async Task A_turn_is_answered_503_at_the_deadline_even_if_the_bot_never_finishes_and_is_cancelled()
    {
        var time = new FakeTimeProvider();
        var adapter = Adapter(new Dictionary<string, string?> { ["BotConnector:TurnTimeout"] = "00:00:08" }, time);
        var bot = new WatchingBot { Hold = new TaskCompletionSource() };

        var turn = adapter.ProcessActivityAsync(null, Inbound(ActivityTypes.Message, "hi"), bot, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(7.9));
        Assert.False(turn.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<TurnIncompleteException>(() => turn);
        Assert.Equal(TurnIncompleteException.Unavailable, error.StatusCode);
        await bot.Cancelled.Task;
        bot.Hold.SetResult();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task A_reply_the_connector_refuses_ends_the_turn_with_502_at_once_without_retry_or_apology(int status)
    {
        await using var connector = await LocalServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });
        var apologies = 0;
        _adapter.OnTurnError = (context, _) =>
        {
            apologies++;
            return context.SendActivityAsync("sorry");
        };
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.ServiceUrl = connector.BaseAddress.AbsoluteUri;

        var error = await Assert.ThrowsAsync<TurnIncompleteException>(() => _adapter.ProcessActivityAsync(null, activity, new WatchingBot(), CancellationToken.None));

        Assert.Equal(TurnIncompleteException.BadGateway, error.StatusCode);
        Assert.Single(connector.Requests);
        Assert.Equal(0, apologies);
    }

    [Fact]
    public async Task A_connector_that_cannot_be_reached_ends_the_turn_with_502_after_one_attempt()
    {
        await using var connector = await LocalServer.StartAsync((context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        var activity = Inbound(ActivityTypes.Message, "hi");
        activity.ServiceUrl = connector.BaseAddress.AbsoluteUri;

        var error = await Assert.ThrowsAsync<TurnIncompleteException>(() => _adapter.ProcessActivityAsync(null, activity, new WatchingBot(), CancellationToken.None));

        Assert.Equal(TurnIncompleteException.BadGateway, error.StatusCode);
        Assert.Single(connector.Requests);
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
