namespace GmgBot.Core.Agenda;

/// <summary>
/// What delegates were told about a session, kept across restarts: its title, time and room, and a sequence
/// number that grows each time one of them changes (it is also the iCalendar SEQUENCE of the session).
/// </summary>
public sealed record SessionVersion(string SessionId, string Title, DateTimeOffset Start, DateTimeOffset End, string? Room, int Sequence)
{
    public static SessionVersion Of(ScheduledSession session, int sequence) =>
        new(session.Session.Id, session.Session.Title, session.Start, session.End, session.Room.Name, sequence);

    /// <summary>True when nothing a delegate relies on differs (the sequence aside).</summary>
    public bool SameAs(SessionVersion other) =>
        Title == other.Title && Start == other.Start && End == other.End && Room == other.Room;
}

/// <summary>A session that appeared, changed or disappeared since the knowledge was last loaded.</summary>
public sealed record SessionChange(SessionVersion? Before, SessionVersion? After, ScheduledSession? Session)
{
    public bool Added => Before is null && After is not null;
    public bool Removed => Before is not null && After is null;
    public bool TimeChanged => Before is not null && After is not null && (Before.Start != After.Start || Before.End != After.End);
    public bool RoomChanged => Before is not null && After is not null && Before.Room != After.Room;
    public bool TitleChanged => Before is not null && After is not null && Before.Title != After.Title;
}

/// <summary>Compares the agenda with the versions last stored and numbers the changes.</summary>
public static class AgendaChanges
{
    public static (IReadOnlyList<SessionVersion> Versions, IReadOnlyList<SessionChange> Changes) Between(
        IReadOnlyDictionary<string, SessionVersion> stored, Timeline current)
    {
        var versions = new List<SessionVersion>();
        var changes = new List<SessionChange>();
        foreach (var session in current.Sessions)
        {
            stored.TryGetValue(session.Session.Id, out var before);
            var candidate = SessionVersion.Of(session, before?.Sequence ?? 0);
            if (before is not null && candidate.SameAs(before))
            {
                versions.Add(before);
                continue;
            }
            var after = before is null ? candidate : candidate with { Sequence = before.Sequence + 1 };
            versions.Add(after);
            changes.Add(new SessionChange(before, after, session));
        }
        var present = current.Sessions.Select(s => s.Session.Id).ToHashSet();
        changes.AddRange(stored.Values.Where(v => !present.Contains(v.SessionId)).Select(v => new SessionChange(v, null, null)));
        return (versions, changes);
    }
}

/// <summary>Stores the last published version of every session.</summary>
public interface ISessionVersionStore
{
    Task<IReadOnlyDictionary<string, SessionVersion>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the stored versions with <paramref name="versions"/> (sessions no longer on the agenda are removed).</summary>
    Task SaveAsync(IReadOnlyList<SessionVersion> versions, CancellationToken cancellationToken);
}

/// <summary>Told once per knowledge load about sessions that changed (reminders reschedule, subscribers hear, calendars update).</summary>
public interface IAgendaChangeHandler
{
    Task OnAgendaChangedAsync(IReadOnlyList<SessionChange> changes, CancellationToken cancellationToken);
}
