using System.Text.Json;
using System.Text.Json.Nodes;

namespace GmgBot.Core.Tests;

/// <summary>
/// Where the card sample tests put every card they build: artifacts/cards/*.json, which CI checks with the official
/// adaptivecards parser (node tests/cards/validate-cards.mjs).
/// </summary>
internal static class CardArtifacts
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "artifacts", "cards");

    /// <summary>Writes the card as artifacts/cards/<paramref name="name"/>.json; returns the JSON written.</summary>
    public static string Write(string name, JsonObject card, bool indented = true)
    {
        Directory.CreateDirectory(Folder);
        var json = card.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });
        File.WriteAllText(Path.Combine(Folder, name + ".json"), json);
        return json;
    }
}
