using GmgBot.Core.Conversation;

namespace GmgBot.Core.Agenda;

/// <summary>
/// Finds the sessions a delegate's words name ("the recap", "decent work on day 1"), for features that take a session
/// in free text (reminders). Implemented by the answering feature, which reads questions.
/// </summary>
public interface ISessionFinder
{
    SessionMatches Find(string text, QuestionContext asker);
}

/// <summary>
/// <see cref="Named"/>: the sessions the text names (one, or several with the same title). <see cref="Likely"/>: looser
/// matches, best first, for "which one do you mean?" when none is named exactly.
/// </summary>
public sealed record SessionMatches(IReadOnlyList<ScheduledSession> Named, IReadOnlyList<ScheduledSession> Likely);
