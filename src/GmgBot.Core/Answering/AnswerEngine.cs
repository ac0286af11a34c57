using GmgBot.Core.Bot;
using GmgBot.Core.Cards;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// Answers delegates' and staff's questions from the knowledge: structured records when they hold
/// the answer (agenda, people, SDG targets, working groups), cited passages otherwise, and an honest
/// "I don't know" when the question is outside the documents.
/// </summary>
public sealed class AnswerEngine(IKnowledgeSource knowledge, ISearchIndex index, TimeProvider time, ISessionActions? sessionActions = null)
    : IQuestionAnswerer
{
    private readonly ISessionActions _sessionActions = sessionActions ?? new NoSessionActions();

    public async ValueTask<BotReply> AnswerAsync(string question, QuestionContext context, CancellationToken cancellationToken = default) =>
        (await AskAsync(question, context, cancellationToken)).ToReply();

    public async ValueTask<Answer> AskAsync(string question, QuestionContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = knowledge.Current;
        var now = time.GetUtcNow();
        var ask = new Ask(ParsedQuestion.Parse(question, snapshot, now), snapshot, new KnowledgeCards(snapshot, _sessionActions), context, now);

        var answer = SmallTalk.TryAnswer(ask)
            ?? AgendaAnswers.TryNowOrNext(ask)
            ?? SdgAnswers.TryAnswer(ask)
            ?? GroupAnswers.TryAnswer(ask)
            ?? PeopleAnswers.TryAnswer(ask)
            ?? AgendaAnswers.TryEventPurpose(ask)
            ?? AgendaAnswers.TrySession(ask)
            ?? AgendaAnswers.TryDay(ask)
            ?? PeopleAnswers.TryTopicOrRemote(ask)
            ?? DocumentAnswers.TryEventOrTerm(ask)
            ?? DocumentAnswers.TryFact(ask)
            ?? await DocumentAnswers.SearchAsync(ask, index, cancellationToken)
            // A named person or session that no other answer explained is still better answered than declined.
            ?? PeopleAnswers.Fallback(ask)
            ?? AgendaAnswers.Fallback(ask)
            ?? Decline(ask);
        return WithDateCaveat(ask, answer);
    }

    /// <summary>
    /// "Who is the current …?": the documents are dated, so the answer says what they say and that it may have changed.
    /// (Questions about the agenda's own "now" are answered by the clock, not the documents.)
    /// </summary>
    private static Answer WithDateCaveat(Ask ask, Answer answer)
    {
        if (answer.Declined || answer.Intent.StartsWith("agenda", StringComparison.Ordinal) || answer.Intent == "smalltalk"
            || !ask.Q.Has("current", "currently", "nowadays", "presently", "latest", "still", "today's"))
        {
            return answer;
        }
        var years = ask.K.Knowledge.Documents
            .SelectMany(d => System.Text.RegularExpressions.Regex.Matches(d.Date, @"\b(19|20)\d{2}\b").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var span = years.Count == 0 ? "" : years.Min() == years.Max() ? $" from {years.Min()}" : $" from {years.Min()}–{years.Max()}";
        return answer with { Text = $"My documents date{span}, so I can't tell what is current; this is what they say. {answer.Text}" };
    }

    /// <summary>Says plainly that the bot cannot answer, names what it can, and invents nothing.</summary>
    public static Answer Decline(Ask ask) => new(
        Answer.DeclineIntent,
        $"Sorry, I don't have information about that. I can only answer questions about {ask.K.Knowledge.Event.Name} " +
        "(agenda, rooms, speakers and chairs, SDG targets) and the GMG documents I was given (working groups, task forces, " +
        "the GMG's background). Type **help** to see what you can ask.",
        null,
        []);
}
