using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol.Tests;

public sealed class ActivitySerializationTests
{
    // The shape Teams posts for an @mention in a channel (ids shortened), plus properties this model does not name.
    private const string ChannelMention = """
        {
          "text": "<at>GmgBot</at> who is chairing day 2?\n",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-03-10T09:15:02.123Z",
          "localTimestamp": "2026-03-10T10:15:02.123+01:00",
          "id": "1741598102123",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1user", "name": "Ana Delegate", "aadObjectId": "6b3c0b3e-0000-0000-0000-000000000001" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "tenant-1", "id": "19:abc@thread.tacv2;messageid=1741598102123" },
          "recipient": { "id": "28:00000000-0000-0000-0000-00000000b07a", "name": "GmgBot" },
          "entities": [
            { "mentioned": { "id": "28:00000000-0000-0000-0000-00000000b07a", "name": "GmgBot" }, "text": "<at>GmgBot</at>", "type": "mention" },
            { "mentioned": { "id": "29:2other", "name": "Ben Chair" }, "text": "<at>Ben Chair</at>", "type": "mention" },
            { "locale": "en-GB", "country": "GB", "platform": "Web", "timezone": "Europe/London", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:abc@thread.tacv2",
            "teamsTeamId": "19:team@thread.tacv2",
            "channel": { "id": "19:abc@thread.tacv2", "name": "General" },
            "team": { "id": "19:team@thread.tacv2", "name": "GMG delegates", "aadGroupId": "group-1" },
            "tenant": { "id": "tenant-1" },
            "settings": { "selectedChannel": { "id": "19:abc@thread.tacv2" } }
          },
          "locale": "en-GB",
          "localTimezone": "Europe/London",
          "futureField": { "nested": [1, 2, 3] }
        }
        """;

    [Fact]
    public void Round_trip_keeps_every_property_including_unknown_ones()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMention, BotJson.Options)!;
        var written = JsonSerializer.SerializeToNode(activity, BotJson.Options)!;
        var original = JsonNode.Parse(ChannelMention)!;

        // Timestamps are compared as instants: "Z" and "+00:00" are the same moment.
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T09:15:02.123Z", System.Globalization.CultureInfo.InvariantCulture), activity.Timestamp);
        foreach (var property in new[] { "timestamp", "localTimestamp" })
        {
            original.AsObject().Remove(property);
            written.AsObject().Remove(property);
        }

        Assert.True(JsonNode.DeepEquals(original, written), $"Round trip changed the activity:\n{written}");
    }

    [Fact]
    public void Null_fields_are_left_out_and_names_are_camel_case()
    {
        var json = JsonSerializer.Serialize(new Activity { Type = ActivityTypes.Message, ReplyToId = "1" }, BotJson.Options);

        Assert.Equal("""{"type":"message","replyToId":"1"}""", json);
    }

    [Fact]
    public void Teams_channel_data_mentions_and_client_info_are_readable()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMention, BotJson.Options)!;

        var channelData = activity.GetTeamsChannelData()!;
        Assert.Equal("tenant-1", channelData.Tenant!.Id);
        Assert.Equal("GMG delegates", channelData.Team!.Name);
        Assert.Equal("General", channelData.Channel!.Name);
        Assert.Equal("19:abc@thread.tacv2", channelData.Settings!.SelectedChannel!.Id);
        Assert.Equal("19:team@thread.tacv2", channelData.Properties!["teamsTeamId"].GetString());

        var clientInfo = activity.GetClientInfo()!;
        Assert.Equal(("en-GB", "GB", "Web", "Europe/London"), (clientInfo.Locale, clientInfo.Country, clientInfo.Platform, clientInfo.Timezone));

        Assert.Equal(2, activity.GetMentions().Count);
        Assert.Equal("tenant-1", activity.GetTenantId());
    }

    [Fact]
    public void Removing_the_recipient_mention_keeps_other_mentions_and_reads_mentioned_users()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMention, BotJson.Options)!;
        activity.Text = "<at>GmgBot</at> what does <at>Ben Chair</at> chair?";

        Assert.Equal("what does <at>Ben Chair</at> chair?", activity.RemoveRecipientMention());
        var mentioned = Assert.Single(activity.GetMentionedUsers());
        Assert.Equal(("29:2other", "Ben Chair"), (mentioned.Id, mentioned.Name));
    }

    [Fact]
    public void Text_without_mentions_is_only_trimmed()
    {
        var activity = new Activity { Type = ActivityTypes.Message, Text = "  help \n", Recipient = new ChannelAccount("28:bot") };

        Assert.Equal("help", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_reply_goes_back_to_the_sender_in_the_same_conversation()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMention, BotJson.Options)!;

        var reply = activity.CreateReply("hello");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("hello", reply.Text);
        Assert.Equal(activity.Id, reply.ReplyToId);
        Assert.Equal(activity.Recipient!.Id, reply.From!.Id);
        Assert.Equal(activity.From!.Id, reply.Recipient!.Id);
        Assert.Equal(activity.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(activity.ServiceUrl, reply.ServiceUrl);
    }

    [Fact]
    public void A_conversation_reference_addresses_a_new_activity_like_the_original()
    {
        var activity = JsonSerializer.Deserialize<Activity>(ChannelMention, BotJson.Options)!;
        var reference = activity.GetConversationReference();

        var outgoing = Activity.CreateMessageActivity("later").ApplyConversationReference(reference);
        var incoming = reference.GetContinuationActivity();

        Assert.Equal(("28:00000000-0000-0000-0000-00000000b07a", "29:1user"), (outgoing.From!.Id, outgoing.Recipient!.Id));
        Assert.Equal(activity.Id, outgoing.ReplyToId);
        Assert.Equal(activity.ServiceUrl, outgoing.ServiceUrl);
        Assert.Equal(("29:1user", "28:00000000-0000-0000-0000-00000000b07a"), (incoming.From!.Id, incoming.Recipient!.Id));
        Assert.Equal((ActivityTypes.Event, "ContinueConversation"), (incoming.Type, incoming.Name));

        var stored = JsonSerializer.Deserialize<ConversationReference>(JsonSerializer.Serialize(reference, BotJson.Options), BotJson.Options)!;
        Assert.Equal(reference.Conversation!.TenantId, stored.Conversation!.TenantId);
    }

    [Fact]
    public void Entities_convert_to_and_from_typed_mentions()
    {
        var entity = Entity.From(new Mention { Mentioned = new ChannelAccount("29:x", "X"), Text = "<at>X</at>" });

        Assert.Equal(EntityTypes.Mention, entity.Type);
        Assert.Equal("<at>X</at>", entity.GetAs<Mention>().Text);
    }

    [Fact]
    public void An_adaptive_card_invoke_value_is_readable()
    {
        var value = JsonNode.Parse("""
            { "action": { "type": "Action.Execute", "id": "a1", "verb": "remind", "data": { "session": "s-3" } }, "trigger": "manual" }
            """).Deserialize<AdaptiveCardInvokeValue>(BotJson.Options)!;

        Assert.Equal(("Action.Execute", "remind", "manual"), (value.Action!.Type, value.Action.Verb, value.Trigger));
        Assert.Equal("s-3", value.Action.Data!["session"]!.GetValue<string>());
    }
}
