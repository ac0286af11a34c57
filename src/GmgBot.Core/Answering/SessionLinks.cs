using GmgBot.Core.Agenda;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// Which sessions a question names, and whether a session fits the day and time it mentions. Read once per question
/// (<see cref="Ask.NamedSessions"/>), so that every strategy sees the same sessions instead of asking another strategy.
/// </summary>
internal static class SessionLinks
{
    private static readonly IReadOnlySet<string> AskingWords = Search.TextAnalysis.Terms(
        "open opens opening close closes closing start starts begin begins end ends finish finishes when where time what who which room happen").ToHashSet();

    /// <summary>The sessions a question names: the best title/alias match, narrowed by the day and time it mentions.</summary>
    public static IReadOnlyList<ScheduledSession> Named(Ask ask, double threshold = 0.5)
    {
        // "When does registration *open*": words that ask about a session rarely name one ("Opening" titles the welcome);
        // without them first, with them when that names nothing.
        var terms = ask.Question.Terms;
        var naming = terms.Where(t => !AskingWords.Contains(t)).ToList();
        return naming.Count > 0 && naming.Count < terms.Count && NamedBy(ask, naming, threshold) is { Count: > 0 } named ? named : NamedBy(ask, terms, threshold);
    }

    private static IReadOnlyList<ScheduledSession> NamedBy(Ask ask, IReadOnlyList<string> terms, double threshold)
    {
        var q = ask.Question;
        var matches = ask.Lexicon.SessionMatcher.Match(terms).Where(m => m.Coverage >= PhraseMatcher<ScheduledSession>.MinCoverage).ToList();
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

    /// <summary>
    /// Sessions named by their place on the agenda instead of their title: "the 2pm panel on the 16th", "the 10:45
    /// session", "the last slot of day one", "the last thing on the agenda", "the big session on the morning of the 17th",
    /// "what's between the welcome and the first coffee break". Words like "thing" and "slot" count breaks and meals;
    /// "session" and "panel" do not.
    /// </summary>
    public static IReadOnlyList<ScheduledSession> ByPosition(Ask ask)
    {
        var q = ask.Question;
        var timeline = ask.Knowledge.Timeline;
        var window = (q.Day is { } day ? timeline.OnDay(day) : timeline.Sessions).Where(s => InPart(q, s)).ToList();
        var pool = q.Has(AnyItem) ? window : [.. window.Where(s => !IsMinor(s))];
        if (pool.Count == 0)
        {
            return [];
        }
        // "The 10:45 session": the one that starts then, on whichever day one does.
        if (q.At is { } starts && q.Day is null && pool.Where(s => s.Session.Start == starts).ToList() is [var startsThen])
        {
            return [startsThen];
        }
        if (q.At is { } at && (q.Day is not null || timeline.Days.Count(d => timeline.OnDay(d.Day).Any(s => Covers(s, at))) == 1))
        {
            var underway = pool.Where(s => Covers(s, at)).ToList();
            // "The 10:45 session" names the one that starts then, even when a break ends at that minute.
            return underway.Count > 0 ? underway.Take(1).ToList() : [.. window.Where(s => Covers(s, at)).Take(1)];
        }
        if (Position(q) is { } position)
        {
            // Without a day, "the last thing on the agenda" is the last of the whole meeting.
            return position switch
            {
                "first" => [pool[0]],
                "last" => [pool[^1]],
                _ => [pool.Where(s => !IsMinor(s)).DefaultIfEmpty(pool[0]).MaxBy(s => s.End - s.Start)!],
            };
        }
        return [];
    }

    // A session described, not named: as close in meaning as a paraphrase of its title and topics, and clearly closer
    // than the next session; a looser description ("the panel about cheaper money transfers home") must stand out more.
    private const float DescribedClosely = 0.60f;
    private const float ClearlyCloser = 0.03f;
    private const float DescribedLoosely = 0.55f;
    private const float FarCloser = 0.06f;

    /// <summary>The one session a question describes by what it is about, on the day and time it mentions.</summary>
    public static IReadOnlyList<ScheduledSession> ByMeaning(Ask ask)
    {
        var q = ask.Question;
        // Only where the question speaks of the agenda: "roundtable 1 wanted targets under which SDGs" is about a report.
        if (ask.Meaning is not { } meaning || q.Documents.Count > 0 || q.People.Count > 0
            || !(q.Day is not null || q.At is not null || q.Part is not null || q.Has(AgendaItemWords)))
        {
            return [];
        }
        var timeline = ask.Knowledge.Timeline;
        var fitting = meaning.Nearest(6, Search.SearchKind.Session)
            .Select(n => (Session: timeline.Find(n.Id[(n.Id.IndexOf(':') + 1)..]), n.Similarity))
            .Where(n => n.Session is not null && Fits(ask.Question, n.Session))
            .ToList();
        if (fitting.Count == 0)
        {
            return [];
        }
        var lead = fitting.Count == 1 ? float.MaxValue : fitting[0].Similarity - fitting[1].Similarity;
        return (fitting[0].Similarity >= DescribedClosely && lead >= ClearlyCloser) || (fitting[0].Similarity >= DescribedLoosely && lead >= FarCloser)
            ? [fitting[0].Session!]
            : [];
    }

    private static readonly string[] AgendaItemWords =
        ["session", "sessions", "panel", "panels", "talk", "talks", "discussion", "workshop", "briefing", "lunch", "coffee", "break",
         "registration", "welcome", "recap", "launch", "presentation", "slot", "agenda"];

    private static readonly string[] AnyItem = ["thing", "things", "item", "items", "slot", "slots", "activity", "happening", "on"];
    private static readonly HashSet<string> Places = ["slot", "session", "thing", "item", "panel", "talk", "event", "part", "activity", "one", "discussion", "block", "segment"];

    /// <summary>"first", "last" or "longest" when the question picks a session by its place ("the last slot", "the big session").</summary>
    private static string? Position(ParsedQuestion q)
    {
        for (var i = 0; i + 1 < q.Words.Count; i++)
        {
            var (word, next) = (q.Words[i], q.Words[i + 1]);
            var place = Places.Contains(next) || (i + 2 < q.Words.Count && Places.Contains(q.Words[i + 2]));
            if (!place || next == "day")
            {
                continue;
            }
            switch (word)
            {
                case "first" or "opening" or "earliest":
                    return "first";
                case "last" or "final" or "closing" or "latest":
                    return "last";
                case "big" or "biggest" or "main" or "longest" or "long" or "major":
                    return "longest";
            }
        }
        return null;
    }

    /// <summary>"Between the welcome and the first coffee break": what lies between two sessions named on one day.</summary>
    public static IReadOnlyList<ScheduledSession> Between(Ask ask) =>
        Ends(ask) is var (from, to) ? [.. ask.Knowledge.Timeline.OnDay(from.Session.Day).Where(s => s.Start >= from.End && s.End <= to.Start)] : [];

    /// <summary>The two sessions of "between X and Y", earlier first, when both are named and on one day.</summary>
    public static (ScheduledSession From, ScheduledSession To)? Ends(Ask ask)
    {
        var text = ask.Question.Text;
        var at = text.IndexOf(" between ", StringComparison.Ordinal);
        var and = at < 0 ? -1 : text.IndexOf(" and ", at, StringComparison.Ordinal);
        if (and < 0)
        {
            return null;
        }
        // "the morning coffee": the day part says which coffee break, it does not name one.
        // Every session the words could name: which one is settled by the other end ("the coffee" after "the welcome").
        IReadOnlyList<ScheduledSession> Find(string words) =>
            ask.Lexicon.SessionMatcher.Match(Search.TextAnalysis.QuestionTerms(words)) is { Count: > 0 } matches && matches[0].Score >= 0.5
                ? [.. matches.Where(m => m.Score >= Math.Max(0.4, matches[0].Score - 0.25)).Select(m => m.Item).Where(s => ask.Question.Day is null || s.Session.Day == ask.Question.Day)]
                : [];
        var (firsts, seconds) = (Find(text[(at + 9)..and]), Find(text[(and + 5)..]));
        // Of items with one title (two coffee breaks), the pair closest together on one day ("the first coffee break"),
        // in the order named when there is one: "between the welcome and the coffee" means the coffee after the welcome.
        var pairs = firsts.SelectMany(a => seconds.Where(b => b != a && b.Session.Day == a.Session.Day).Select(b => (First: a, Second: b))).ToList();
        var inOrder = pairs.Where(p => p.Second.Start >= p.First.End).ToList();
        var (from, to) = (inOrder.Count > 0 ? inOrder : pairs).Select(p => p.First.Start <= p.Second.Start ? p : (First: p.Second, Second: p.First))
            .DefaultIfEmpty().MinBy(p => p.First is null ? TimeSpan.MaxValue : p.Second.Start - p.First.End);
        return from is null ? null : (from, to!);
    }

    private static bool Covers(ScheduledSession s, TimeOnly at) => s.Session.Start <= at && at < s.Session.End;

    public static bool IsMinor(ScheduledSession s) => s.Session.Kind is Knowledge.SessionKind.Break or Knowledge.SessionKind.Meal or Knowledge.SessionKind.Registration;

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
