using System.Globalization;
using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;

namespace GmgBot.Core.Reminders;

/// <summary>
/// "Starts in 15 minutes": a delegate's reminder, or one the organizers send, with the session's card. Says honestly
/// how soon (or how long ago) the session starts at the moment it is sent.
/// </summary>
public sealed class SessionReminderRenderer(IKnowledgeSource knowledge, ISessionActions sessionActions) : DeliveryRenderer<SessionReminder>
{
    protected override Task<BotReply?> RenderAsync(SessionReminder reminder, RenderRequest request, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var session = snapshot.Timeline.Find(reminder.Session);
        return Task.FromResult(session is null ? null : BotReply.WithCard(
            Text(session, reminder.FromOrganizers, snapshot.Timeline, request.At),
            Cards(snapshot, sessionActions, request).Session(session, request.RecipientTimeZone)));
    }

    public static string Text(ScheduledSession session, bool fromOrganizers, Timeline timeline, DateTimeOffset at)
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

    /// <summary>The agenda's cards as the recipient gets them: with the features' buttons, or none in a preview.</summary>
    internal static AgendaCards Cards(KnowledgeSnapshot snapshot, ISessionActions sessionActions, RenderRequest request) =>
        new(snapshot, request.Preview ? new NoSessionActions() : sessionActions);
}

/// <summary>A session a subscriber follows moved, changed room or title, or left the agenda.</summary>
public sealed class SessionChangedRenderer(IKnowledgeSource knowledge, ISessionActions sessionActions) : DeliveryRenderer<SessionChanged>
{
    protected override Task<BotReply?> RenderAsync(SessionChanged change, RenderRequest request, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var timeline = snapshot.Timeline;
        if (change.After is null)
        {
            return Task.FromResult<BotReply?>(BotReply.Plain(
                $"🔔 **{change.Before!.Title}** ({Describe(change.Before, timeline)}) has been removed from the agenda, so your reminder for it is cancelled."));
        }
        var session = timeline.Find(change.Session);
        return Task.FromResult(session is null ? null : BotReply.WithCard(
            Text(change, timeline),
            SessionReminderRenderer.Cards(snapshot, sessionActions, request).Session(session, request.RecipientTimeZone)));
    }

    private static string Text(SessionChanged change, Timeline timeline)
    {
        var before = change.Before!;
        var after = change.After!;
        var parts = new List<string>();
        if (before.Start != after.Start || before.End != after.End)
        {
            parts.Add($"now {Describe(after, timeline)} (was {Describe(before, timeline)})");
        }
        if (before.Room != after.Room)
        {
            parts.Add($"now in {after.Room ?? "a room not yet given"} (was {before.Room ?? "not given"})");
        }
        if (before.Title != after.Title)
        {
            parts.Add($"it was called “{before.Title}”");
        }
        return $"🔔 {after.Title}, a session you follow, has changed: {string.Join("; ", parts)}.";
    }

    /// <summary>"Day 1 (Thu 16 Oct) 14:00–15:30 New York time".</summary>
    private static string Describe(SessionVersion version, Timeline timeline)
    {
        var start = timeline.ToLocal(version.Start);
        var end = timeline.ToLocal(version.End);
        var day = timeline.DayOn(DateOnly.FromDateTime(start.DateTime)) is { } d
            ? Format.ShortDay(d)
            : start.ToString("ddd d MMM", CultureInfo.GetCultureInfo("en-GB"));
        return $"{day} {Format.Time(TimeOnly.FromDateTime(start.DateTime))}–{Format.Time(TimeOnly.FromDateTime(end.DateTime))} {Format.ZoneLabel(timeline)}";
    }
}

/// <summary>The current card of a session, replacing one sent earlier; a plain note when it left the agenda.</summary>
public sealed class SessionCardUpdateRenderer(IKnowledgeSource knowledge, ISessionActions sessionActions) : DeliveryRenderer<SessionCardUpdate>
{
    protected override Task<BotReply?> RenderAsync(SessionCardUpdate update, RenderRequest request, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var timeline = snapshot.Timeline;
        var zone = request.RecipientTimeZone;
        if (timeline.Find(update.Session) is { } session)
        {
            return Task.FromResult<BotReply?>(BotReply.WithCard(
                $"**{session.Session.Title}** (updated): {ReminderCards.When(session, timeline, zone)}, {Format.Room(session.Room)}.",
                SessionReminderRenderer.Cards(snapshot, sessionActions, request).Session(session, zone)));
        }
        var gone = $"**{update.Title ?? "This session"}** is no longer on the agenda.";
        return Task.FromResult<BotReply?>(BotReply.WithCard(gone, SessionCards.Gone()));
    }
}
