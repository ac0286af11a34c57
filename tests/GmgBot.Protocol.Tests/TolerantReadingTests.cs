using System.Text.Json;
using System.Text.Json.Nodes;
using GmgBot.Protocol.Schema;

namespace GmgBot.Protocol.Tests;

/// <summary>
/// A value of the wrong shape inside an activity is read as absent, and only that value: the rest of the activity,
/// and the helpers that read mentions, client info and channel data, still work.
/// </summary>
public sealed class TolerantReadingTests
{
    private const string Message = """
        {
          "type": "message", "id": "1", "text": "<at>GmgBot</at> help", "channelId": "msteams", "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "from": { "id": "29:1user", "name": "Ana", "aadObjectId": "6b3c0b3e-0000-0000-0000-000000000001" },
          "conversation": { "id": "19:abc@thread.tacv2", "conversationType": "channel", "tenantId": "tenant-1", "isGroup": true },
          "recipient": { "id": "28:bot", "name": "GmgBot" },
          "entities": [
            { "type": "mention", "mentioned": { "id": "28:bot", "name": "GmgBot" }, "text": "<at>GmgBot</at>" },
            { "type": "clientInfo", "locale": "en-GB", "timezone": "Europe/London" }
          ],
          "channelData": { "tenant": { "id": "tenant-1" }, "team": { "id": "19:team", "name": "Delegates" } },
          "membersAdded": [ { "id": "28:bot" } ],
          "value": { "verb": "help" },
          "locale": "en-GB"
        }
        """;

    /// <summary>The message with a change; the string "__raw__" becomes <paramref name="raw"/> (JSON a JsonNode cannot hold).</summary>
    private static Activity Read(Action<JsonObject> change, string raw = "null")
    {
        var json = JsonNode.Parse(Message)!.AsObject();
        change(json);
        return JsonSerializer.Deserialize<Activity>(json.ToJsonString().Replace("\"__raw__\"", raw, StringComparison.Ordinal), BotJson.Options)!;
    }

    public static TheoryData<string, string, string> WrongShapes => new()
    {
        // path, the JSON put there, what must then read as absent (checked below)
        { "entities", "[null]", "entities" },
        { "entities", "[null, 5, \"x\", {\"type\": \"mention\", \"mentioned\": \"x\", \"text\": \"<at>GmgBot</at>\"}]", "mention target" },
        { "entities", "{\"type\": \"mention\"}", "entities" },
        { "membersAdded", "[null]", "membersAdded" },
        { "membersRemoved", "[null, null]", "membersRemoved" },
        { "entities/1/timezone", "5", "timezone" },
        { "entities/1/locale", "{\"a\": 1}", "client locale" },
        { "channelData/tenant", "\"tenant-1\"", "channel data tenant" },
        { "channelData", "\"a string\"", "channel data" },
        { "channelData", "{\"tenant\": {\"id\": \"t\"}, \"tenant\": {\"id\": \"u\"}}", "channel data" },
        { "value", "{\"verb\": \"help\", \"verb\": \"broadcast.send\"}", "value" },
        { "value", "{\"data\": {\"a\": 1, \"a\": 2}}", "value" },
        { "from", "42", "from" },
        { "from", "{\"id\": \"29:1user\", \"id\": \"29:someone-else\"}", "from" },
        { "from/aadObjectId", "[\"6b3c0b3e-0000-0000-0000-000000000001\"]", "aadObjectId" },
        { "conversation/isGroup", "\"yes\"", "isGroup" },
        { "conversation/tenantId", "7", "conversation tenant" },
        { "timestamp", "\"not a time\"", "timestamp" },
        { "text", "{\"text\": \"help\"}", "text" },
        { "attachments", "{}", "attachments" },
        { "locale", "true", "locale" },
        { "channelData/tenant/id", "\"\\ud800\"", "channel data" },
        { "value", "{\"verb\": \"help\", \"note\": [\"\\udfff\"]}", "value" },
        { "text", "\"\\ud800 help\"", "text" },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void A_value_of_the_wrong_shape_reads_as_absent_and_the_rest_stays(string path, string json, string absent)
    {
        var activity = Read(root => Set(root, path, "__raw__"), json);

        Assert.Equal(("message", "19:abc@thread.tacv2", "28:bot"), (activity.Type, activity.Conversation?.Id, activity.Recipient?.Id));
        var missing = absent switch
        {
            "entities" => activity.Entities is null || activity.Entities.Count == 0,
            "mention target" => activity.GetMentions().All(m => m.Mentioned is null) && activity.GetMentionedUsers().Count == 0,
            "membersAdded" => activity.MembersAdded is { Count: 0 },
            "membersRemoved" => activity.MembersRemoved is { Count: 0 },
            "timezone" => activity.GetClientInfo() is { Timezone: null, Locale: "en-GB" },
            "client locale" => activity.GetClientInfo() is { Locale: null, Timezone: "Europe/London" },
            "channel data tenant" => activity.GetTeamsChannelData() is { Tenant: null, Team.Name: "Delegates" } && activity.GetTenantId() == "tenant-1",
            "channel data" => activity.GetTeamsChannelData() is null && activity.GetTenantId() == "tenant-1",
            "value" => activity.Value is null,
            "from" => activity.From is null,
            "aadObjectId" => activity.From is { AadObjectId: null, Id: "29:1user" },
            "isGroup" => activity.Conversation is { IsGroup: null, TenantId: "tenant-1" },
            "conversation tenant" => activity.Conversation!.TenantId is null && activity.GetTenantId() == "tenant-1",
            "timestamp" => activity.Timestamp is null,
            "text" => activity.Text is null && activity.RemoveRecipientMention() == string.Empty,
            "attachments" => activity.Attachments is null,
            "locale" => activity.Locale is null,
            _ => throw new ArgumentOutOfRangeException(nameof(absent), absent, null),
        };
        Assert.True(missing, $"{path} = {json}: expected {absent} to read as absent.");
    }

    [Fact]
    public void Readable_elements_of_a_list_survive_the_unreadable_ones()
    {
        var activity = Read(root => root["membersAdded"] = JsonNode.Parse("""[null, 5, {"id": "28:bot"}, "29:x", {"id": 7, "name": "Seven"}]"""));

        Assert.Equal(["28:bot", null], activity.MembersAdded!.Select(m => m.Id));
        Assert.Equal("Seven", activity.MembersAdded![1].Name);
    }

    [Fact]
    public void A_mention_whose_target_is_unreadable_does_not_stop_the_bots_own_mention_from_being_removed()
    {
        var activity = Read(root => root["entities"]!.AsArray().Add(JsonNode.Parse("""{"type": "mention", "mentioned": "29:x", "text": "<at>X</at>"}""")));

        Assert.Equal("help", activity.RemoveRecipientMention());
        Assert.Empty(activity.GetMentionedUsers());
    }

    [Fact]
    public void A_property_the_model_does_not_name_is_kept_unless_it_holds_no_text()
    {
        var activity = Read(root =>
        {
            root["conversation"]!["note"] = "kept";
            root["conversation"]!["tenant"] = "__raw__";
        }, "\"\\ud800\"");

        Assert.Equal(["note"], activity.Conversation!.Properties!.Keys);
        Assert.Contains("\"note\":\"kept\"", JsonSerializer.Serialize(activity, BotJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void An_activity_that_names_two_tenants_belongs_to_neither()
    {
        var activity = Read(root => root["channelData"]!["tenant"]!["id"] = "tenant-2");

        Assert.Null(activity.GetTenantId());
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("{\"type\": \"message\", \"text\": \"a\", \"text\": \"b\"}")]
    [InlineData("{\"type\": \"message\", \"\\ud800\": 1}")]
    public void Text_that_is_not_one_activity_still_fails(string json)
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<Activity>(json, BotJson.Options));
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('/');
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        if (int.TryParse(parts[^1], out var last))
        {
            parent[last] = value;
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }
}
