using GmgBot.Core.Reminders;

namespace GmgBot.Core.Tests.Reminders;

public sealed class LeadTimeTests
{
    [Theory]
    [InlineData("about the recap session", 15, "the recap session")]
    [InlineData("about the recap session 10 minutes before", 10, "the recap session")]
    [InlineData("about the recap session, 5 min before", 5, "the recap session")]
    [InlineData("of migration costs 1 hour before", 60, "migration costs")]
    [InlineData("about migration costs half an hour before?", 30, "migration costs")]
    [InlineData("30 minutes before the recap session", 30, "the recap session")]
    [InlineData("me about decent work 2 hours ahead", 120, "decent work")]
    [InlineData("recap", 15, "recap")]
    [InlineData("", 15, "")]
    public void Reads_the_lead_time_and_leaves_the_session_name(string text, int minutes, string rest)
    {
        var (lead, remainder, error) = LeadTime.Parse(text, defaultMinutes: 15);

        Assert.Null(error);
        Assert.Equal((minutes, rest), (lead, remainder));
    }

    [Theory]
    [InlineData("about recap 0 minutes before")]
    [InlineData("about recap 25 hours before")]
    public void Refuses_lead_times_outside_a_minute_to_a_day(string text)
    {
        var (_, _, error) = LeadTime.Parse(text, defaultMinutes: 15);

        Assert.Contains("between 1 minute and 24 hours", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 minute")]
    [InlineData(15, "15 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(121, "2 hours 1 minute")]
    public void Writes_minutes_as_people_say_them(int minutes, string text) =>
        Assert.Equal(text, ReminderCards.Minutes(minutes));
}
