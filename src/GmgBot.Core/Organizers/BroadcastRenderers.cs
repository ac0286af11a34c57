using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;

namespace GmgBot.Core.Organizers;

/// <summary>A day's schedule, as the organizers broadcast it.</summary>
public sealed class DayScheduleRenderer(IKnowledgeSource knowledge, ISessionActions sessionActions) : DeliveryRenderer<DaySchedule>
{
    protected override Task<BotReply?> RenderAsync(DaySchedule schedule, RenderRequest request, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var timeline = snapshot.Timeline;
        if (timeline.DayNumbered(schedule.Day) is not { } day)
        {
            return Task.FromResult<BotReply?>(null);
        }
        var cards = new AgendaCards(snapshot, request.Preview ? new NoSessionActions() : sessionActions);
        return Task.FromResult<BotReply?>(BotReply.WithCard(
            $"📣 From the organizers: the schedule of {Format.Day(day)} ({Format.ZoneLabel(timeline)}).",
            cards.Schedule([(day, [.. timeline.OnDay(day.Day)])])));
    }
}

/// <summary>An organizer's delivery report for one broadcast: the tally and the problems, as they are now.</summary>
public sealed class BroadcastReportRenderer(IKnowledgeSource knowledge, IBroadcastStore broadcasts, IOutbox outbox, RecipientDirectory recipients)
    : DeliveryRenderer<BroadcastReport>
{
    protected override async Task<BotReply?> RenderAsync(BroadcastReport report, RenderRequest request, CancellationToken cancellationToken)
    {
        if (await broadcasts.FindAsync(report.BroadcastId, cancellationToken) is not { } broadcast)
        {
            return null;
        }
        var timeline = knowledge.Current.Timeline;
        var tally = await outbox.TallyAsync(JobKeys.Broadcast(broadcast.Id), cancellationToken);
        var problems = await outbox.ProblemsAsync(JobKeys.Broadcast(broadcast.Id), 15, cancellationToken);
        var (what, audience) = BroadcastCards.Describe(broadcast, timeline, await recipients.GroupConversationsAsync(cancellationToken));
        return BotReply.WithCard($"Delivery report: {tally.Sent} of {tally.Total} delivered.",
            BroadcastCards.Report(broadcast, what, audience, tally, problems, timeline, request.At));
    }
}
