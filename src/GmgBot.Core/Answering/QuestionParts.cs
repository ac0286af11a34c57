using System.Text.RegularExpressions;

namespace GmgBot.Core.Answering;

/// <summary>
/// Splits a message that asks several things ("who chairs the first panel, and which room is it in?", "when/where was
/// the HLD") into its questions, in order. A part that names nothing itself ("which room is it in?") is about what the
/// part before it named; the engine carries that over.
/// </summary>
internal static partial class QuestionParts
{
    private const int MinPartWords = 2;

    public static IReadOnlyList<string> Split(string question)
    {
        var text = question.Trim();
        // "when/where was the HLD": two questions about one thing.
        var parts = Boundary().Split(text)
            .SelectMany(part => SlashedQuestionWords().Match(part.Trim()) is { Success: true } slashed
                ? [$"{slashed.Groups["a"].Value}{part.Trim()[slashed.Length..]}", $"{slashed.Groups["b"].Value}{part.Trim()[slashed.Length..]}"]
                : new[] { part })
            .Select(p => p.Trim(' ', ',', ';', '?', '.', '-', '—'))
            .Where(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinPartWords)
            .ToList();
        return parts.Count > 1 ? parts : [text];
    }

    // A new question starts after "?" or ";", or after "and"/"also"/"plus" (with or without a comma) when a question word
    // follows: "… and who are the speakers", "…, and which room". Not "between X and Y", not "Michelle Leighton and Bela Hovy".
    [GeneratedRegex(@"\?\s+(?=\S)|;\s*|,?\s+(?:and|also|plus|&)\s+(?:also\s+)?(?=(?:who|whom|whose|what|what's|whats|when|where|which|how|is|are|was|were|does|do|did|will|can|could|has|have|tell)\b)|,\s+(?=(?:who|what|what's|whats|when|where|which|how)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Boundary();

    [GeneratedRegex(@"^(?<a>who|what|when|where|which|how)\s*/\s*(?<b>who|what|when|where|which|how)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SlashedQuestionWords();
}
