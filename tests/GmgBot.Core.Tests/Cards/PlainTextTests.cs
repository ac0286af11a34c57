using GmgBot.Core.Cards;

namespace GmgBot.Core.Tests.Cards;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("Type **help** to see more.", "Type help to see more.")]
    [InlineData("_Source: Concept note, 4. Agenda_", "Source: Concept note, 4. Agenda")]
    [InlineData("Open [Recap session](https://bot.example/calendar/sessions/d2-recap.ics) to add it.",
        "Open Recap session (https://bot.example/calendar/sessions/d2-recap.ics) to add it.")]
    [InlineData("Keep d1_decent_work and calendar_feed as they are.", "Keep d1_decent_work and calendar_feed as they are.")]
    [InlineData("1\\. not a list", "1. not a list")]
    public void Markdown_becomes_the_text_a_person_reads(string markdown, string plain) =>
        Assert.Equal(plain, PlainText.From(markdown));

    [Fact]
    public void A_line_is_the_first_paragraph_on_one_line()
    {
        Assert.Equal("Now: Welcome, Day 1, 08:45.", PlainText.Line("Now: **Welcome**,\nDay 1, 08:45.\n\n_Source: Concept note_"));
    }

    [Theory]
    [InlineData("1. The level differs; 2. Prioritizing is key.")]
    [InlineData("- one thing")]
    [InlineData("Intro\n3) third")]
    public void Text_that_only_looks_like_a_list_keeps_its_marker_but_not_the_space_a_renderer_reads_as_a_list(string text)
    {
        var shown = PlainText.NotAList(text);

        Assert.DoesNotMatch(@"(?m)^\s*(\d+[.)]|[-*+]) ", shown);
        Assert.Equal(text, shown.Replace('\u00A0', ' '));
        Assert.Equal(1, shown.Count(c => c == '\u00A0'));
    }
}
