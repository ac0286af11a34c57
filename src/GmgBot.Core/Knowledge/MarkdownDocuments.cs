using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GmgBot.Core.Knowledge;

/// <summary>
/// Reads a source document's Markdown: its YAML front matter, and its text split into sections by heading path
/// ("4. Preliminary Agenda › Day 1"), each section's text rendered plain (no markup) for search and quotation.
/// </summary>
internal static class MarkdownDocuments
{
    public const string PathSeparator = " › ";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseFootnotes()
        .Build();

    internal sealed record ParsedDocument(string? FrontMatter, IReadOnlyList<DocumentSection> Sections);

    public static ParsedDocument Parse(string markdown, string file, List<KnowledgeError> errors)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        string? frontMatter = null;
        var sections = new List<SectionBuilder>();
        var path = new List<(int Level, string Text)>();

        foreach (var block in document)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    frontMatter = yaml.Lines.ToString();
                    break;
                case HeadingBlock heading:
                    var text = InlineText(heading.Inline, withFootnoteMarks: false).Trim();
                    path.RemoveAll(p => p.Level >= heading.Level);
                    path.Add((heading.Level, text));
                    sections.Add(new SectionBuilder(string.Join(PathSeparator, path.Select(p => p.Text)), heading.Line));
                    break;
                case FootnoteGroup group:
                    // Markdig gathers footnotes at the end; each belongs with the section where it is written.
                    foreach (var footnote in group.OfType<Footnote>())
                    {
                        var owner = sections.LastOrDefault(s => s.Line < footnote.Line);
                        if (owner is null)
                        {
                            errors.Add(new KnowledgeError(file, null, $"footnote [^{FootnoteNumber(footnote)}] comes before the first heading", footnote.Line + 1));
                            continue;
                        }
                        owner.Add($"[{FootnoteNumber(footnote)}] {ContainerText(footnote)}");
                    }
                    break;
                case LinkReferenceDefinitionGroup:
                    break;
                default:
                    if (sections.Count == 0)
                    {
                        errors.Add(new KnowledgeError(file, null, "text comes before the first heading; every passage must sit under a heading", block.Line + 1));
                        continue;
                    }
                    sections[^1].Add(BlockText(block));
                    break;
            }
        }

        foreach (var duplicate in sections.GroupBy(s => s.Heading, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new KnowledgeError(file, null, $"heading path '{duplicate.Key}' appears {duplicate.Count()} times; citations would be ambiguous"));
        }
        return new ParsedDocument(frontMatter, sections.Select(s => s.Build()).ToList());
    }

    /// <summary>Collapses runs of white space, so quoted text can be compared with a section however lines wrap.</summary>
    public static string NormalizeSpace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed class SectionBuilder(string heading, int line)
    {
        private readonly List<string> _parts = [];

        public string Heading { get; } = heading;

        public int Line { get; } = line;

        public void Add(string text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                _parts.Add(text.TrimEnd());
            }
        }

        public DocumentSection Build() => new() { Heading = Heading, Text = string.Join("\n\n", _parts) };
    }

    /// <summary>The footnote's own label ("15" for [^15]), which Markdig keeps with its caret.</summary>
    private static string FootnoteNumber(Footnote footnote) => footnote.Label?.TrimStart('^') ?? footnote.Order.ToString(CultureInfo.InvariantCulture);

    private static string BlockText(Block block) => block switch
    {
        ParagraphBlock paragraph => InlineText(paragraph.Inline, withFootnoteMarks: true),
        HeadingBlock heading => InlineText(heading.Inline, withFootnoteMarks: true),
        ListBlock list => ListText(list, indent: ""),
        Table table => string.Join("\n", table.OfType<TableRow>().Select(row =>
            string.Join(" | ", row.OfType<TableCell>().Select(cell => ContainerText(cell))))),
        LeafBlock leaf when leaf.Lines.Count > 0 => leaf.Lines.ToString(),
        ContainerBlock container => ContainerText(container),
        _ => "",
    };

    private static string ContainerText(ContainerBlock container) =>
        string.Join("\n\n", container.Select(BlockText).Where(t => t.Length > 0));

    private static string ListText(ListBlock list, string indent)
    {
        var lines = new List<string>();
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}{list.OrderedDelimiter} " : "- ";
            var first = true;
            foreach (var child in item)
            {
                if (child is ListBlock nested)
                {
                    lines.Add(ListText(nested, indent + "  "));
                }
                else
                {
                    lines.Add((first ? indent + marker : indent + "  ") + BlockText(child));
                    first = false;
                }
            }
        }
        return string.Join("\n", lines);
    }

    private static string InlineText(ContainerInline? container, bool withFootnoteMarks)
    {
        var text = new StringBuilder();
        AppendInlines(container, text, withFootnoteMarks);
        return text.ToString();
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder text, bool withFootnoteMarks)
    {
        if (container is null)
        {
            return;
        }
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case FootnoteLink footnote:
                    if (withFootnoteMarks && !footnote.IsBackLink)
                    {
                        text.Append('[').Append(FootnoteNumber(footnote.Footnote)).Append(']');
                    }
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case ContainerInline nested:
                    AppendInlines(nested, text, withFootnoteMarks);
                    break;
            }
        }
    }
}
