using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Organizers;
using GmgBot.Core.Reminders;

namespace GmgBot.Core.Delivery;

/// <summary>
/// Turns an outbox row's content into what the recipient sees, at the moment it is sent: the agenda as it is then,
/// and an honest "starts in 10 minutes" or "started 5 minutes ago". Null when there is nothing left to say
/// (the session or day is no longer on the agenda).
/// </summary>
public sealed class DeliveryRenderer(
    IKnowledgeSource knowledge,
    ISessionActions sessionActions,
    IBroadcastStore broadcasts,
    IOutbox outbox)
{
    /// <param name="message">The row's message.</param>
    /// <param name="at">When it is (or, for a preview, would be) sent.</param>
    /// <param name="preview">Leave buttons out: an organizer's preview shows the message, not its actions.</param>
    public async Task<BotReply?> RenderAsync(OutboxMessage message, DateTimeOffset at, bool preview, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var timeline = snapshot.Timeline;
        var cards = new KnowledgeCards(snapshot, preview ? new NoSessionActions() : sessionActions);
        var zone = message.Recipient?.TimeZone;
        switch (message.Content)
        {
            case SessionReminder reminder when timeline.Find(reminder.Session) is { } session:
                return BotReply.WithCard(ReminderText(session, reminder.FromOrganizers, timeline, at), cards.Session(session, zone));

            case DaySchedule schedule when timeline.DayNumbered(schedule.Day) is { } day:
                return BotReply.WithCard($"📣 From the organizers: the schedule of {Format.Day(day)} ({Format.ZoneLabel(timeline)}).",
                    cards.Schedule([(day, [.. timeline.OnDay(day.Day)])]));

            case SessionChanged { After: null } change:
                return BotReply.Plain($"🔔 **{change.Before!.Title}** ({Describe(change.Before, timeline)}) has been removed from the agenda, "
                    + "so your reminder for it is cancelled.");

            case SessionChanged change when timeline.Find(change.Session) is { } session:
                return BotReply.WithCard(ChangeText(change, timeline), cards.Session(session, zone));

            case SessionCardUpdate update when timeline.Find(update.Session) is { } session:
                return BotReply.WithCard($"**{session.Session.Title}** (updated): {ReminderCards.When(session, timeline, zone)}, {Format.Room(session.Room)}.",
                    cards.Session(session, zone));

            case SessionCardUpdate update:
                var gone = $"**{update.Title ?? "This session"}** is no longer on the agenda.";
                return BotReply.WithCard(gone, ReminderCards.Done(gone));

            case BroadcastReport report when await broadcasts.FindAsync(report.BroadcastId, cancellationToken) is { } broadcast:
                var tally = await outbox.TallyAsync(JobKeys.Broadcast(broadcast.Id), cancellationToken);
                var problems = await outbox.ProblemsAsync(JobKeys.Broadcast(broadcast.Id), 15, cancellationToken);
                var (what, audience) = Describe(broadcast);
                return BotReply.WithCard($"Delivery report: {tally.Sent} of {tally.Total} delivered.",
                    BroadcastCards.Report(broadcast, what, audience, tally, problems, timeline, at));

            default:
                return null;
        }
    }

    /// <summary>"A reminder of …" and "everyone who installed the bot", for the organizers' cards.</summary>
    public (string What, string Audience) Describe(Broadcast broadcast)
    {
        var timeline = knowledge.Current.Timeline;
        var what = broadcast.Content switch
        {
            SessionReminder r => $"A reminder of “{timeline.Find(r.Session)?.Session.Title ?? r.Session}”",
            DaySchedule d when timeline.DayNumbered(d.Day) is { } day => $"The schedule of {Format.Day(day)}",
            _ => "A message",
        };
        return (what, RecipientDirectory.Describe(broadcast.Audience, id => timeline.Find(id)?.Session.Title ?? id));
    }

    public static string ReminderText(ScheduledSession session, bool fromOrganizers, Timeline timeline, DateTimeOffset at)
    {
        var s = session.Session;
        var start = $"{Format.Time(s.Start)} {Format.ZoneLabel(timeline)}";
        var room = Format.Room(session.Room);
        var lead = fromOrganizers ? "📣 Reminder from the organizers: " : "⏰ ";
        var toGo = session.Start - at;
        if (toGo >= TimeSpan.FromMinutes(1))
        {
            return $"{lead}**{s.Title}** starts in {ReminderCards.Minutes((int)Math.Round(toGo.TotalMinutes))} ({start}, {room}).";
        }
        if (toGo > TimeSpan.FromMinutes(-1))
        {
            return $"{lead}**{s.Title}** is starting now ({start}, {room}).";
        }
        return $"{lead}**{s.Title}** started {ReminderCards.Minutes((int)Math.Round(-toGo.TotalMinutes))} ago ({start}, {room}). "
            + "Sorry this reminder is late: I could not send it on time.";
    }

    private static string ChangeText(SessionChanged change, Timeline timeline)
    {
        var before = change.Before!;
        var after = change.After!;
        var parts = new List<string>();
        if (before.Start != after.Start || before.End != after.End)
        {
            parts.Add($"it is now {Describe(after, timeline)} (was {Describe(before, timeline)})");
        }
        if (before.Room != after.Room)
        {
            parts.Add($"the room is now {after.Room ?? "not given"} (was {before.Room ?? "not given"})");
        }
        if (before.Title != after.Title)
        {
            parts.Add($"it was called “{before.Title}”");
        }
        return $"🔔 A session you follow has changed: **{after.Title}**: {string.Join("; ", parts)}.";
    }

    /// <summary>"Day 1 (Thu 16 Oct) 14:00–15:30 New York time".</summary>
    private static string Describe(SessionVersion version, Timeline timeline)
    {
        var start = timeline.ToLocal(version.Start);
        var end = timeline.ToLocal(version.End);
        var day = timeline.DayOn(DateOnly.FromDateTime(start.DateTime)) is { } d
            ? Format.ShortDay(d)
            : start.ToString("ddd d MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return $"{day} {Format.Time(TimeOnly.FromDateTime(start.DateTime))}–{Format.Time(TimeOnly.FromDateTime(end.DateTime))} {Format.ZoneLabel(timeline)}";
    }
}
