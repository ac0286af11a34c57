using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Answering;

/// <summary>Finds sessions by the words a delegate uses for them, the way questions name sessions.</summary>
public sealed class SessionFinder(IKnowledgeSource knowledge, TimeProvider time) : ISessionFinder
{
    // A looser match than a question needs: good enough to offer as "did you mean".
    private const double LikelyScore = 0.2;

    public SessionMatches Find(string text, QuestionContext asker)
    {
        var snapshot = knowledge.Current;
        var now = time.GetUtcNow();
        var question = ParsedQuestion.Parse(text, snapshot, now);
        var ask = new Ask(question, snapshot, new AgendaCards(snapshot, new NoSessionActions()), asker, now);
        var likely = ask.Lexicon.SessionMatcher.Match(question.Terms).Where(m => m.Score >= LikelyScore).Select(m => m.Item).ToList();
        return new SessionMatches(ask.NamedSessions, likely);
    }
}
