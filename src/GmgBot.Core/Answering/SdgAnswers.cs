using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>SDG goals and targets as the documents word them, and the sessions that discuss them.</summary>
internal static class SdgAnswers
{
    private static readonly HashSet<string> SdgWords = ["sdg", "sdgs", "target", "goal", "discuss", "session", "cover", "meet", "agenda", "relat", "address", "post", "2015", "sustain", "develop"];

    public static Answer? TryAnswer(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        if (q.TargetIds.Count > 0)
        {
            return k.Targets.TryGetValue(q.TargetIds[0], out var target)
                ? TargetAnswer(ask, target)
                : ask.Reply("sdg.unknown",
                    $"The documents do not cite SDG target {q.TargetIds[0]}. They cite targets {Format.List(k.Knowledge.Sdg.Targets.Select(t => t.Id))}.",
                    null, k.Knowledge.Sdg.Targets.Select(t => t.Source).Take(1));
        }
        if (q.GoalNumbers.Count > 0)
        {
            return k.Goals.TryGetValue(q.GoalNumbers[0], out var goal)
                ? GoalAnswer(ask, goal)
                : ask.Reply("sdg.unknown",
                    $"The documents do not discuss SDG Goal {q.GoalNumbers[0]}. They cite Goals {Format.List(k.Knowledge.Sdg.Goals.Select(g => g.Number.ToString()))}.",
                    null, k.Knowledge.Sdg.Goals.Select(g => g.Source).Take(1));
        }
        if (!q.AsksSdg)
        {
            return null;
        }
        // "Which proposed SDG is about cutting inequality within and among countries": a goal or target by what it says.
        // "Which target is the birth registration one": the words after "which target" describe it.
        if (q.Has("which", "what") && (q.Has("about", "covers", "cover", "concerns", "concerning", "addresses", "address", "deals", "regarding", "one")
                || (q.Focus.Any(t => t is "target" or "goal") && q.Terms.Any(t => !SdgWords.Contains(t) && !ask.Lexicon.IsEveryday(t))))
            && !q.Has("session", "sessions", "panel", "panels", "cite", "cites", "cited", "report", "roundtable", "under", "mention", "mentions", "discuss", "discussed")
            && ByMeaning(ask) is { } described)
        {
            return described;
        }
        var sessions = ask.NamedSessions;
        if (sessions.Count == 1)
        {
            return AgendaAnswers.SessionAnswer(ask, sessions[0]);
        }
        // An organisation named as part of a document ("the ILO chair report") is not what is asked about.
        if (q.People.Count > 0 || (q.Organisations.Count > 0 && q.Documents.Count == 0) || (q.AsksGroup && !q.Has("goal", "goals")))
        {
            return null;
        }
        var topic = q.Terms.Where(t => !SdgWords.Contains(t) && !ask.Lexicon.IsFiller(t)).ToList();
        if (topic.Count > 0)
        {
            // The topic must be mostly in the target's wording, or in where a document words it ("the target the chair
            // report cites on protection at sea"); otherwise a passage that cites the target will answer.
            var total = topic.Sum(ask.Lexicon.Rarity);
            string Wordings(SdgTarget t) => string.Join(' ', t.OtherWordings
                .Where(w => q.Documents.Count == 0 || q.Documents.Contains(w.Source.Document))
                .Select(w => $"{w.Text} {w.Source.Section}")
                .Prepend(q.Documents.Count == 0 || q.Documents.Contains(t.Source.Document) ? t.Text ?? "" : ""));
            var best = k.Knowledge.Sdg.Targets
                .Select(t => (Target: t, Score: topic.Where(ask.Lexicon.TermsOf(Wordings(t)).Contains).Sum(ask.Lexicon.Rarity) / total))
                .Where(x => x.Score >= 0.5)
                .OrderByDescending(x => x.Score)
                .ToList();
            return best.Count > 0 ? TargetAnswer(ask, best[0].Target) : null;
        }
        return AllTargets(ask);
    }

    // A goal's or target's own words, paraphrased: as close as a record must be to be the one meant.
    private const float DescribedClosely = 0.62f;

    private static Answer? ByMeaning(Ask ask)
    {
        if (ask.Meaning is not { } meaning || meaning.Nearest(1, Search.SearchKind.Goal, Search.SearchKind.Target) is not [var (id, similarity)] || similarity < DescribedClosely)
        {
            return null;
        }
        var k = ask.Knowledge;
        var refId = id[(id.IndexOf(':') + 1)..];
        return id.StartsWith("goal:", StringComparison.Ordinal)
            ? int.TryParse(refId, out var number) && k.Goals.TryGetValue(number, out var goal) ? GoalAnswer(ask, goal) : null
            : k.Targets.TryGetValue(refId, out var target) ? TargetAnswer(ask, target) : null;
    }

    public static Answer TargetAnswer(Ask ask, SdgTarget target)
    {
        var sessions = SessionsFor(ask.Knowledge, s => s.SdgTargets.Contains(target.Id, StringComparer.OrdinalIgnoreCase));
        // "Who chairs the session that covers 16.9?": the session is what is asked about, the target only finds it.
        var q = ask.Question;
        if (sessions.Count == 1 && q.Has("session", "panel", "discussion") && (q.AsksChair || q.AsksSpeakers || q.AsksWho))
        {
            return AgendaAnswers.SessionAnswer(ask, sessions[0]);
        }
        var where = sessions.Count == 0 ? "No session on the agenda cites it." : $"Discussed in {Format.List(sessions.Select(s => $"{s.Session.Title} ({AgendaAnswers.When(ask, s)})"))}.";
        string text;
        if (ask.Question.Has("session", "sessions") && (ask.Question.Has("which", "what") || ask.Question.AsksWhen))
        {
            text = sessions.Count == 0
                ? $"No session on the agenda cites SDG target {target.Id}."
                : $"SDG target {target.Id} is discussed in {Format.List(sessions.Select(s => $"**{s.Session.Title}** ({AgendaAnswers.When(ask, s)})"))}." +
                  (target.Text is { } t ? $" The target: {t}." : "");
        }
        else
        {
            text = target.Text is null
                ? $"The documents cite SDG target {target.Id} only by number; its text is not given. {where}"
                : $"SDG target {target.Id}{(target.Verbatim ? "" : " (as the document paraphrases it)")}: “{target.Text}”. {where}";
        }
        return ask.Reply("sdg.target", text, ask.Cards.Target(target, sessions), [target.Source, .. sessions.Select(s => s.Session.Source)]);
    }

    public static Answer GoalAnswer(Ask ask, SdgGoal goal)
    {
        var k = ask.Knowledge;
        var targets = k.Knowledge.Sdg.Targets.Where(t => t.Goal == goal.Number).ToList();
        var sessions = SessionsFor(k, s => s.SdgGoals.Contains(goal.Number) || s.SdgTargets.Any(t => targets.Any(x => x.Id == t)));
        var text = (goal.Text is null ? $"The documents cite SDG Goal {goal.Number} by number only." : $"SDG Goal {goal.Number}: “{goal.Text}”.")
            + (targets.Count > 0 ? $" Targets cited: {Format.List(targets.Select(t => t.Id))}." : "")
            + (sessions.Count > 0 ? $" Discussed in {Format.List(sessions.Select(s => s.Session.Title))}." : "");
        return ask.Reply("sdg.goal", text, ask.Cards.Goal(goal, targets, sessions), [goal.Source, .. targets.Select(t => t.Source)]);
    }

    private static Answer AllTargets(Ask ask)
    {
        var k = ask.Knowledge;
        var bySession = k.Timeline.Sessions.Where(s => s.Session.SdgTargets.Count > 0).ToList();
        var text = "SDG targets on the agenda: " + string.Join("; ", bySession.Select(s =>
            $"{Format.List(s.Session.SdgTargets)} in {s.Session.Title} ({Format.ShortWhen(k.Timeline, s.Session)})")) + ".";
        var days = bySession.GroupBy(s => s.Session.Day).Select(g => (k.Timeline.DayNumbered(g.Key)!, (IReadOnlyList<ScheduledSession>)[.. g])).ToList();
        return ask.Reply("sdg.all", text, ask.Schedule(days), bySession.Select(s => s.Session.Source));
    }

    private static List<ScheduledSession> SessionsFor(KnowledgeSnapshot k, Func<Session, bool> predicate) =>
        [.. k.Timeline.Sessions.Where(s => predicate(s.Session))];
}
