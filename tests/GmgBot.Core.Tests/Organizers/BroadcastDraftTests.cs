using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Delivery;
using GmgBot.Core.Organizers;

namespace GmgBot.Core.Tests.Organizers;

/// <summary>The composer's inputs come back as strings; the draft turns them into what, whom and when, or says what to fix.</summary>
public sealed class BroadcastDraftTests
{
    private static readonly Timeline Agenda = new(SmallKnowledge.Build());
    private static readonly DateTimeOffset Now = Agenda.EventStart.AddDays(-1);

    private static (BroadcastPlan? Plan, string? Error) Plan(JsonObject data) => BroadcastDraft.From(data).ToPlan(Agenda, Now);

    [Fact]
    public void A_session_reminder_to_its_subscribers_now()
    {
        var (plan, error) = Plan(new JsonObject { ["what"] = "session", ["sessionId"] = "costs", ["audience"] = "subscribers", ["when"] = "now" });

        Assert.Null(error);
        Assert.Equal(new SessionReminder("costs", FromOrganizers: true), plan!.Content);
        Assert.Equal(new SessionSubscribers("costs"), plan.Audience);
        Assert.Equal((Now, true), (plan.DueAt, plan.IsNow));
    }

    [Fact]
    public void A_days_schedule_to_a_channel_at_a_time_in_the_events_zone()
    {
        var (plan, error) = Plan(new JsonObject
        {
            ["what"] = "schedule", ["day"] = "2", ["audience"] = "conversation", ["conversationId"] = "19:general@thread.tacv2",
            ["when"] = "later", ["date"] = "2014-10-16", ["time"] = "18:30",
        });

        Assert.Null(error);
        Assert.Equal(new DaySchedule(2), plan!.Content);
        Assert.Equal(new OneConversation("19:general@thread.tacv2"), plan.Audience);
        Assert.Equal(new DateTimeOffset(2014, 10, 16, 18, 30, 0, TimeSpan.FromHours(-4)), plan.DueAt);
    }

    [Theory]
    [InlineData("""{"what":"session","audience":"installed","when":"now"}""", "Choose the session")]
    [InlineData("""{"what":"schedule","day":"9","audience":"installed","when":"now"}""", "Choose the day")]
    [InlineData("""{"what":"schedule","day":"1","audience":"subscribers","when":"now"}""", "whose subscribers")]
    [InlineData("""{"what":"session","sessionId":"open","audience":"conversation","when":"now"}""", "channel or group chat")]
    [InlineData("""{"what":"session","sessionId":"open","audience":"installed","when":"later","date":"2014-10-16"}""", "date and time")]
    [InlineData("""{"what":"session","sessionId":"open","audience":"installed","when":"later","date":"2014-10-01","time":"09:00"}""", "has passed")]
    [InlineData("""{"what":"poem","audience":"installed","when":"now"}""", "what to send")]
    public void An_incomplete_draft_says_what_to_fix(string json, string expected)
    {
        var (plan, error) = Plan(JsonNode.Parse(json)!.AsObject());

        Assert.Null(plan);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_draft_round_trips_through_card_data_with_its_broadcast_id()
    {
        var draft = new BroadcastDraft { What = "schedule", Day = "1", Audience = "installed", When = "now", BroadcastId = "b1" };

        Assert.Equal(draft, BroadcastDraft.From(draft.ToData()));
    }
}
