using System.Text.RegularExpressions;

namespace GmgBot.Core.Cards;

/// <summary>
/// The bot's Markdown (the subset Teams renders: **bold**, _italic_, [links](…)) as plain text, for the places that
/// show text as it is: a card's fallback text, a notification, an Action.Execute answer, a button's title.
/// </summary>
public static partial class PlainText
{
    public static string From(string markdown)
    {
        var text = Link().Replace(markdown, m => m.Groups["text"].Value == m.Groups["url"].Value
            ? m.Groups["url"].Value
            : $"{m.Groups["text"].Value} ({m.Groups["url"].Value})");
        text = Strong().Replace(text, "${inner}");
        text = Emphasis().Replace(text, "${inner}");
        return Escape().Replace(text, "${char}");
    }

    /// <summary>The first paragraph, as one line without Markdown: what stands for a longer text in a list or a toast.</summary>
    public static string Line(string markdown)
    {
        var paragraph = markdown.Split("\n\n", 2, StringSplitOptions.TrimEntries)[0];
        return From(string.Join(' ', paragraph.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// Text that only looks like a Markdown list ("1. The level of …" quoted from a document) shown as written: the space
    /// after a leading list marker becomes a no-break space, which no renderer takes for a list.
    /// </summary>
    public static string NotAList(string text) => ListMarker().Replace(text, "${marker}\u00A0");

    [GeneratedRegex(@"^(?<marker>\s*(?:\d{1,3}[.)]|[-*+]))[ \t]", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\[(?<text>[^\]\n]+)\]\((?<url>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?<inner>[^*\n]+?)\*\*|__(?<inner>[^_\n]+?)__")]
    private static partial Regex Strong();

    // Underscores inside words (ids, file names) are not emphasis.
    [GeneratedRegex(@"(?<![\w*])[_*](?<inner>[^_*\n]+?)[_*](?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\\(?<char>[\\`*_{}\[\]()#+\-.!>])")]
    private static partial Regex Escape();
}
