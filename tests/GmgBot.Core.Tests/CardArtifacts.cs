using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GmgBot.Core.Cards;
using GmgBot.Core.Tests.Cards;

namespace GmgBot.Core.Tests;

/// <summary>
/// Where the card sample tests put every card they build: artifacts/cards/*.json, which CI checks with the official
/// adaptivecards parser (tests/cards/validate-cards.mjs) and renders in Chromium with Teams' themes
/// (tests/cards/render-cards.mjs). Before writing, each card is checked for the Teams rules those tools do not know.
/// </summary>
internal static partial class CardArtifacts
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "artifacts", "cards");

    /// <summary>Writes the card as artifacts/cards/<paramref name="name"/>.json; returns the JSON written.</summary>
    public static string Write(string name, JsonObject card, bool indented = true)
    {
        CheckTeamsRules(card);
        Directory.CreateDirectory(Folder);
        var json = card.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });
        File.WriteAllText(Path.Combine(Folder, name + ".json"), json);
        return json;
    }

    /// <summary>
    /// Version 1.5 at most; unique ids; every Action.Execute with a matching Action.Submit fallback; a refresh that is an
    /// Action.Execute for 1 to 60 users; no Markdown where it shows as typed (fallback text, button titles); no text in
    /// Teams' warning, good or attention colours, which fall below 4.5:1 in a Teams theme; under 80 KB.
    /// </summary>
    private static void CheckTeamsRules(JsonObject card)
    {
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.True(double.Parse(card["version"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) <= 1.5);
        var nodes = CardTree.Descendants(card).ToList();
        var inputs = nodes.Where(n => n["type"]?.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal) == true).ToList();
        Assert.All(inputs, i => Assert.False(string.IsNullOrEmpty(i["id"]?.GetValue<string>())));
        var ids = nodes.Select(n => n["id"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var execute in nodes.Where(n => n["type"]?.GetValue<string>() == "Action.Execute" && !IsRefresh(n)))
        {
            var fallback = execute["fallback"]!.AsObject();
            Assert.Equal("Action.Submit", fallback["type"]!.GetValue<string>());
            Assert.Equal(execute["verb"]!.GetValue<string>(), fallback["data"]![CardParts.SubmitVerbProperty]!.GetValue<string>());
        }
        if (card["refresh"] is JsonObject refreshed)
        {
            Assert.Equal("Action.Execute", refreshed["action"]!["type"]!.GetValue<string>());
            Assert.InRange(refreshed["userIds"]!.AsArray().Count, 1, 60);
        }
        if (card["fallbackText"]?.GetValue<string>() is { } fallbackText)
        {
            Assert.DoesNotMatch(Markdown(), fallbackText);
        }
        Assert.All(nodes.Where(n => n["type"]?.GetValue<string>().StartsWith("Action.", StringComparison.Ordinal) == true && n["title"] is not null),
            a => Assert.DoesNotMatch(Markdown(), a["title"]!.GetValue<string>()));
        Assert.DoesNotContain(nodes, n => n["color"]?.GetValue<string>() is "warning" or "good" or "attention");
        Assert.True(card.ToJsonString().Length < 80 * 1024);
    }

    private static bool IsRefresh(JsonObject action) => action.Parent is JsonObject { } holder && holder["userIds"] is not null;

    [GeneratedRegex(@"\*\*|__|\]\(|(?<!\w)_\S")]
    private static partial Regex Markdown();
}
