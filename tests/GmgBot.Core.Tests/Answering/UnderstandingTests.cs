using GmgBot.Core.Answering;
using GmgBot.Core.Conversation;
using Microsoft.Extensions.Time.Testing;

namespace GmgBot.Core.Tests.Answering;

/// <summary>
/// How questions are understood beyond their words, on the shipped knowledge with the real model: several questions in
/// one, sessions named by their place, relations and counts, what is out of scope. Questions here are not in the evals.
/// </summary>
public sealed class UnderstandingTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    private async Task<Answer> AskAsync(string question) =>
        await fixture.Engine(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero))).AskAsync(question, new QuestionContext());

    private static string Seen(Answer answer) => VisibleText.Normalise(VisibleText.Of(answer));

    [Theory]
    [InlineData("who chairs the recap, and which room is it in?", 2)]
    [InlineData("when/where was the HLD", 2)]
    [InlineData("what's on day 1? who speaks on day 2?", 2)]
    [InlineData("what's between the welcome and the coffee break", 1)]
    [InlineData("sessions of Michelle Leighton and Bela Hovy", 1)]
    [InlineData("co-chairs of the WG on human rights, gender and migration", 1)]
    public void A_message_is_split_where_a_new_question_starts(string message, int parts) =>
        Assert.Equal(parts, QuestionParts.Split(message).Count);

    [Fact]
    public async Task A_second_question_about_the_same_thing_is_answered_about_it()
    {
        var answer = await AskAsync("who speaks at the inclusive cities panel, and what room is it in?");

        Assert.Equal("multi", answer.Intent);
        Assert.Contains("nisha agarwal", Seen(answer), StringComparison.Ordinal);
        Assert.Contains("conference room e", Seen(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what's the very first thing on day 2", "recap")]
    [InlineData("which panel starts at 2 pm on the 16th", "inclusive cities")]
    [InlineData("what comes between the welcome and the morning coffee", "decent work")]
    public async Task A_session_named_by_its_place_on_the_agenda_is_found(string question, string expected) =>
        Assert.Contains(expected, Seen(await AskAsync(question)), StringComparison.Ordinal);

    [Fact]
    public async Task Counts_and_leaders_are_computed_from_the_records()
    {
        Assert.Contains("two task forces", Seen(await AskAsync("how many task forces does the GMG have?")), StringComparison.Ordinal);
        Assert.Contains("iom", Seen(await AskAsync("which agency leads the most GMG working groups")), StringComparison.Ordinal);
        Assert.Contains("leighton", Seen(await AskAsync("which people are on the agenda more than once")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what is the wifi code for the General Assembly Building?", "wifi")]
    [InlineData("who chairs the technical working level meeting in Bangkok in 2016?", "bangkok")]
    [InlineData("what is on the GMG agenda next month?", "next month")]
    [InlineData("do I have to pay to attend?", "pay")]
    public async Task What_the_documents_cannot_answer_is_declined_naming_why(string question, string named)
    {
        var answer = await AskAsync(question);

        Assert.True(answer.Declined, answer.Text);
        Assert.Contains(named, Seen(answer), StringComparison.Ordinal);
        Assert.Null(answer.Card);
    }

    [Fact]
    public async Task A_known_event_asked_about_elsewhere_is_declined_with_where_it_was()
    {
        var answer = await AskAsync("when is the GFMD summit in Rio?");

        Assert.True(answer.Declined, answer.Text);
        Assert.Contains("stockholm", Seen(answer), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who pays for the ILO project behind the october meeting?", "swiss agency for development and cooperation")]
    [InlineData("in which city did the UN programme committee look at the report on HLD follow-up?", "santiago")]
    public async Task A_question_worded_unlike_the_documents_is_answered_from_the_record_it_means(string question, string expected) =>
        Assert.Contains(expected, Seen(await AskAsync(question)), StringComparison.Ordinal);

    [Theory]
    [InlineData("what was day 1 focused on", "decent work for migrants")]
    [InlineData("when is the technical meeting taking place", "17 october 2014 (thursday and friday)")]
    [InlineData("which session follows the welcome on day 1", "promoting decent work")]
    [InlineData("who shares the chair of the mainstreaming session with sara rosengaertner", "helke")]
    [InlineData("apart from bela hovy, who co-chairs the costs panel", "not named")]
    [InlineData("what is happening at 2pm on the first afternoon", "inclusive cities")]
    [InlineData("which parts of the programme is hovy involved in", "reducing migration costs")]
    [InlineData("who speaks at the session that covers target 10.7", "orozco")]
    [InlineData("how many attendees were there on day 1", "number of participants is not given")]
    [InlineData("how many people are speaking on day 2", "speakers are named on day 2")]
    [InlineData("what's happening at 3pm on the 16th", "inclusive cities")]
    [InlineData("who is moderating on the first day", "sanghera")]
    [InlineData("anyone speaking on both days?", "mona")]
    [InlineData("which room is the recap in", "booked that day")]
    [InlineData("what are the dates of the tech mtg", "17 october 2014")]
    [InlineData("who presided over roundtable 1", "not given")]
    [InlineData("where did the gmg meet on 16 december 2014", "its place is not given")]
    [InlineData("how much money does the sdc provide for the learning partnership", "amount is not given")]
    [InlineData("which groups have a co-convener in common with the capacity development task force", "decent work")]
    [InlineData("mona's agency: which groups does it co-convene?", "according to the documents")]
    [InlineData("what methodology does the mainstreaming work rely on", "handbook")]
    [InlineData("which target number is the one on legal identity", "16.9")]
    [InlineData("which target does the ilo chairmanship report cite on protection at sea", "10.7")]
    [InlineData("which speakers appear in both afternoon sessions on day 1", "no one is named")]
    [InlineData("who speaks at the welcome and also on day 2", "mona")]
    [InlineData("what rooms are booked on day 2 morning and afternoon", "conference room 6")]
    [InlineData("who will chair the gmg in 2017", "don't have information")]
    [InlineData("who chaired the gmg in 2016", "don't have information about 2016")]
    [InlineData("to whom should the roundtable's outcomes be sent", "open working group")]
    [InlineData("what is the full title of the governing body paper", "outcome of the 2013 un high-level dialogue")]
    [InlineData("which branch wrote the governing body paper", "labour migration branch")]
    [InlineData("is there a speaker from unicef at the meeting", "no one from unicef")]
    [InlineData("what part could knomad play according to roundtable 1", "indicators")]
    [InlineData("what does the briefing recommend on the post-2015 agenda", "post-2015 un development agenda")]
    [InlineData("who was the special rapporteur on migrants' rights in 2014", "crépeau")]
    [InlineData("which body wants to join the gmg", "world meteorological organization")]
    [InlineData("which issue did the ilo report carry over from iom's time as chair", "perceptions of migrants")]
    [InlineData("who is the special representative for migration", "sutherland")]
    [InlineData("per the gb paper, who is left out of the hld declaration", "workers")]
    [InlineData("who is sponsoring the technical meeting", "swiss agency for development and cooperation")]
    [InlineData("according to the ilo chair report how often should governments be briefed", "once a year")]
    [InlineData("in the roundtable 1 report, what was not discussed enough", "sectoral")]
    [InlineData("what building is the technical meeting in new york held in", "general assembly building")]
    [InlineData("what working group is co-chaired by three agencies", "human rights, gender and migration")]
    [InlineData("which of the working groups did the gmg use for its indicator work in 2014", "human rights, gender and migration")]
    [InlineData("which of the working groups did the gmg use for its indicator work in 2014", "data and research")]
    public async Task Lessons_of_the_blind_sets_hold_on_new_wording(string question, string expected) =>
        Assert.Contains(expected, Seen(await AskAsync(question)), StringComparison.Ordinal);

    [Fact]
    public async Task A_question_naming_another_document_is_answered_from_it_not_from_a_session_sharing_its_topic()
    {
        var seen = Seen(await AskAsync("according to rt1, who could support monitoring of mainstreaming"));

        Assert.Contains("roundtable 1 report", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("helke", seen, StringComparison.Ordinal);
    }
}
