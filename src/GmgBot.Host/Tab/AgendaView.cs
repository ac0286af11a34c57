using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Reminders;
using GmgBot.Core.Search;
using GmgBot.Host.MessageExtension;

namespace GmgBot.Host.Tab;

// The tab's JSON: the agenda as the bot's cards tell it (the same marks, times, rooms and words), for the page to lay out.

public sealed record AgendaView(EventView Event, DateTimeOffset Now, string? YourZone, IReadOnlyList<DayView> Days);

public sealed record EventView(string Name, string? Title, string City, string? Venue, string Zone, string TimeZone, string? Replay, string? AgendaStatus);

public sealed record DayView(int Day, string Date, string Label, string? Theme, string? Mark, IReadOnlyList<SessionView> Sessions);

public sealed record SessionView(
    string Id, string Start, string End, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Title, string? Subtitle, string Kind,
    bool Minor, bool ToBeConfirmed, string? Mark, string? YourTime, string Room, IReadOnlyList<RoleView> Chairs,
    IReadOnlyList<SpeakerView> Speakers, IReadOnlyList<string> FacilitatedBy, IReadOnlyList<TargetView> Targets, string? Description,
    bool CanRemind);

public sealed record RoleView(string PersonId, string Name, string Role, string? Organisation);

public sealed record SpeakerView(string PersonId, string Name, string? Role, string? Topic, bool Remote);

public sealed record TargetView(string Id, string? Text);

public sealed record SearchView(string Query, IReadOnlyList<FoundView> Results);

/// <param name="Kind">session or person.</param>
/// <param name="Sessions">A person's sessions, with their part in each.</param>
public sealed record FoundView(string Kind, string Id, string Title, string Detail, IReadOnlyList<FoundSessionView> Sessions);

public sealed record FoundSessionView(string Id, string Title, string When, string Role);

/// <param name="CanRemind">Whether the bot can send this user reminders (it knows their personal chat).</param>
/// <param name="Why">When it cannot, what to do.</param>
public sealed record MeView(bool SignedIn, string? Name, bool IsDeveloper, bool CanRemind, string? Why, int DefaultLead, IReadOnlyList<int> LeadChoices, IReadOnlyList<ReminderView> Reminders);

public sealed record ReminderView(long Id, string SessionId, string Title, int Lead, string When, string Due);

public sealed record ReminderRequest(string? SessionId, int? Lead);

/// <param name="Outcome">set, sendingNow, started, ended or noPersonalChat.</param>
public sealed record ReminderOutcomeView(string Outcome, string Message, ReminderView? Reminder);

public static class AgendaViews
{
    public static AgendaView Agenda(KnowledgeSnapshot knowledge, DateTimeOffset now, string? userZone)
    {
        var timeline = knowledge.Timeline;
        var e = timeline.Event;
        return new AgendaView(
            new EventView(e.Name, e.Title, e.City, e.Venue, Format.ZoneLabel(timeline), e.TimeZone, AgendaCards.ReplayNotice(timeline)?.Text, e.AgendaStatus),
            now,
            Format.ZoneDifference(timeline, userZone, timeline.EventStart),
            [.. timeline.Days.Select(d => new DayView(d.Day, d.Date.ToString("yyyy-MM-dd", Format.English), Format.Day(d), d.Theme, timeline.DayMarkOf(d, now),
                [.. timeline.OnDay(d.Day).Select(s => Session(knowledge, s, now, userZone))]))]);
    }

    public static SessionView Session(KnowledgeSnapshot knowledge, ScheduledSession scheduled, DateTimeOffset now, string? userZone)
    {
        var s = scheduled.Session;
        var mark = knowledge.Timeline.MarkOf(scheduled, now);
        return new SessionView(
            s.Id, Format.Time(s.Start), Format.Time(s.End), scheduled.Start, scheduled.End, s.Title, s.Subtitle, s.Kind.ToString().ToLowerInvariant(),
            s.Kind is SessionKind.Break or SessionKind.Meal or SessionKind.Registration, s.Status == SessionStatus.ToBeConfirmed,
            mark == SessionMark.None ? null : mark.ToString(), Format.InUserZone(scheduled, knowledge.Timeline, userZone), Format.Room(scheduled.Room),
            [.. s.Chairs.Select(c => new RoleView(c.Person, knowledge.PersonName(c.Person), Roles.Of(c.Role), OrganisationOf(knowledge, c.Person)))],
            [.. s.Speakers.Select(sp => new SpeakerView(sp.Person, knowledge.PersonName(sp.Person),
                sp.Title ?? (knowledge.People.TryGetValue(sp.Person, out var p) ? NonEmpty(knowledge.PersonRole(p)) : null), sp.Topic, sp.Remote))],
            [.. s.FacilitatedBy.Select(knowledge.OrganisationLabel)],
            [.. s.SdgTargets.Select(t => new TargetView(t, knowledge.Targets.TryGetValue(t, out var target) ? target.Text : null))],
            s.Description,
            scheduled.Start > now);
    }

    /// <summary>Sessions and people whose names (or, for sessions, speakers, rooms and targets) match what was typed.</summary>
    public static SearchView Search(KnowledgeSnapshot knowledge, string query, int max)
    {
        var hits = KnowledgeLookup.Of(knowledge).Find(query, new HashSet<SearchKind> { SearchKind.Session, SearchKind.Person }, max);
        var timeline = knowledge.Timeline;
        return new SearchView(query, [.. hits.Select(h => h.Kind == SearchKind.Session
            ? new FoundView("session", h.Id, h.Title, SharedCards.SessionLine(knowledge, timeline.Find(h.Id)!), [])
            : new FoundView("person", h.Id, h.Title, knowledge.PersonRole(knowledge.People[h.Id]),
                [.. knowledge.Appearances[h.Id].Select(a => new FoundSessionView(a.Session.Session.Id, a.Session.Session.Title,
                    SharedCards.SessionLine(knowledge, a.Session), a.Role))]))]);
    }

    public static ReminderView Reminder(KnowledgeSnapshot knowledge, Reminder reminder, ScheduledSession session, string? userZone) =>
        new(reminder.Id, session.Session.Id, session.Session.Title, reminder.LeadMinutes, ReminderCards.When(session, knowledge.Timeline, userZone),
            ReminderCards.DueTime(reminder, session, knowledge.Timeline));

    private static string? OrganisationOf(KnowledgeSnapshot knowledge, string personId) =>
        knowledge.People.TryGetValue(personId, out var p) && p.Organisation is { } o ? knowledge.OrganisationShort(o) : null;

    private static string? NonEmpty(string text) => text.Length == 0 ? null : text;
}
