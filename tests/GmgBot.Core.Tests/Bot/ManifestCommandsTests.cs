using GmgBot.Core.Conversation;
using System.Text.Json.Nodes;

namespace GmgBot.Core.Tests.Bot;

/// <summary>The Teams app manifest's command lists and the bot's own command catalogue (what help lists) must agree.</summary>
public sealed class ManifestCommandsTests
{
    private static readonly JsonArray CommandLists = (JsonArray)JsonNode.Parse(
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "manifest", "manifest.template.json")))!["bots"]![0]!["commandLists"]!;

    private static IEnumerable<string> Titles(JsonNode list) => list["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>());

    [Fact]
    public void Every_manifest_command_is_one_the_bot_answers()
    {
        var known = BotCommands.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = CommandLists.SelectMany(l => Titles(l!)).Where(t => !known.Contains(t)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"In the manifest but not in BotCommands: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_command_the_bot_answers_is_offered_in_some_scope()
    {
        var offered = CommandLists.SelectMany(l => Titles(l!)).ToHashSet(StringComparer.Ordinal);
        var missing = BotCommands.All.Select(c => c.Name).Where(n => !offered.Contains(n)).ToList();
        Assert.True(missing.Count == 0, $"In BotCommands but in no manifest command list: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_command_is_matched_by_its_own_title()
    {
        foreach (var command in BotCommands.All)
        {
            Assert.Equal(command, BotCommands.Match(command.Name)?.Command);
        }
    }

    [Fact]
    public void Teams_limits_on_command_lists_hold() =>
        Assert.All(CommandLists, l => Assert.InRange(l!["commands"]!.AsArray().Count, 1, 12));
}
