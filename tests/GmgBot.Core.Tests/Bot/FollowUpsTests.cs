using GmgBot.Core.Agenda;
using GmgBot.Core.Bot;
using GmgBot.Core.Conversation;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GmgBot.Core.Tests.Bot;

/// <summary>What is offered under a reply, as the clock has it (the small meeting: day 1 is Thursday 16 October 2014 in New York).</summary>
public sealed class FollowUpsTests
{
    private static readonly KnowledgeSnapshot Snapshot = new(SmallKnowledge.Build());

    private static IReadOnlyList<string> At(DateTimeOffset now, string? said = null, bool reminders = true)
    {
        var handlers = reminders ? [Mock.Of<IBotCommandHandler>(h => h.Command == BotCommands.MyReminders)] : Array.Empty<IBotCommandHandler>();
        return new FollowUps(new FixedKnowledgeSource(Snapshot), new FakeTimeProvider(now), handlers).For(said);
    }

    [Fact]
    public void Before_the_meeting_its_days_are_offered()
    {
        Assert.Equal(["Agenda day 1", "Agenda day 2", "My reminders", "Help"], At(new DateTimeOffset(2014, 10, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void During_a_day_now_next_and_tomorrow_are_offered_but_not_what_was_just_asked()
    {
        var tenInNewYork = new DateTimeOffset(2014, 10, 16, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(["Now", "Next", "Agenda day 2", "My reminders"], At(tenInNewYork));
        Assert.Equal(["Next", "Agenda day 2", "My reminders", "Help"], At(tenInNewYork, said: " now "));
    }

    [Fact]
    public void After_the_meeting_its_agenda_and_help_remain_and_reminders_only_where_the_feature_is()
    {
        Assert.Equal(["Agenda day 1", "Help"], At(new DateTimeOffset(2014, 10, 20, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(["Agenda day 1", "Agenda day 2", "Help"], At(new DateTimeOffset(2014, 10, 15, 12, 0, 0, TimeSpan.Zero), reminders: false));
    }
}
