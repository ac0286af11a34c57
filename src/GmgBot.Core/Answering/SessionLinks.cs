using GmgBot.Core.Agenda;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// Which sessions a question names, and whether a session fits the day and time it mentions. Read once per question
/// (<see cref="Ask.NamedSessions"/>), so that every strategy sees the same sessions instead of asking another strategy.
/// </summary>
internal static class SessionLinks
{
    /// <summary>The sessions a question names: the best title/alias match, narrowed by the day and time it mentions.</summary>
    public static IReadOnlyList<ScheduledSession> Named(Ask ask, double threshold = 0.5)
    {
        var q = ask.Question;
        var matches = ask.Lexicon.SessionMatcher.Match(q.Terms).Where(m => m.Coverage >= PhraseMatcher<ScheduledSession>.MinCoverage).ToList();
        if (matches.Count == 0 || matches[0].Score < threshold)
        {
            return [];
        }
        var top = matches.Where(m => m.Score >= matches[0].Score - 0.02).Select(m => m.Item).ToList();
        var narrowed = top.Where(s => Fits(q, s)).ToList();
        if (narrowed.Count == 0 && (q.Day is not null || q.Part is not null || q.At is not null))
        {
            // The question names a day or time none of these sessions is on: it is not about them.
            return [];
        }
        if (narrowed.Count > 0)
        {
            top = narrowed;
        }
        if (top.Count == 1)
        {
            var runnerUp = matches.FirstOrDefault(m => m.Item != top[0] && !top.Contains(m.Item));
            return runnerUp is null || matches[0].Score - runnerUp.Score >= 0.08 || narrowed.Count == 1 ? top : [];
        }
        // Several items with the same title (two coffee breaks) are answered together.
        return top.Select(s => s.Session.Title).Distinct().Count() == 1 ? top : [];
    }

    public static bool Fits(ParsedQuestion q, ScheduledSession s) =>
        (q.Day is null || s.Session.Day == q.Day) && InPart(q, s) && (q.At is null || (s.Session.Start <= q.At && q.At < s.Session.End));

    public static bool InPart(ParsedQuestion q, ScheduledSession s)
    {
        var (from, to) = PartWindow(q.Part);
        return (from is null || s.Session.End > from) && (to is null || s.Session.Start < to);
    }

    public static (TimeOnly? From, TimeOnly? To) PartWindow(DayPart? part) => part switch
    {
        DayPart.Morning => (null, new TimeOnly(12, 0)),
        DayPart.Afternoon => (new TimeOnly(12, 0), new TimeOnly(18, 0)),
        DayPart.Evening => (new TimeOnly(17, 0), null),
        _ => (null, null),
    };
}
