using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GmgBot.Core.Cards;

/// <summary>
/// The bot's Markdown (the subset Teams renders: **bold**, _italic_, [links](…)) as plain text, for the places that
/// show text as it is: a card's fallback text, a notification, an Action.Execute answer. Read by Markdig, so that
/// what counts as emphasis is CommonMark's ("d1_decent_work" is no emphasis); a link keeps its address.
/// </summary>
public static partial class PlainText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static string From(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage && !l.IsAutoLink && l.Url is not null).ToList())
        {
            link.InsertAfter(new LiteralInline($" ({link.Url})"));
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return string.Join('\n', writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The first paragraph, as one line without Markdown: what stands for a longer text in a list or a toast.</summary>
    public static string Line(string markdown) =>
        From(markdown.Split("\n\n", 2, StringSplitOptions.TrimEntries)[0]).Replace('\n', ' ');

    /// <summary>
    /// Text that only looks like a Markdown list ("1. The level of …" quoted from a document) shown as written: the space
    /// after a leading list marker becomes a no-break space, which no renderer takes for a list.
    /// </summary>
    public static string NotAList(string text) => ListMarker().Replace(text, "${marker}\u00A0");

    [GeneratedRegex(@"^(?<marker>\s*(?:\d{1,3}[.)]|[-*+]))[ \t]", RegexOptions.Multiline)]
    private static partial Regex ListMarker();
}
