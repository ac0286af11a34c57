using System.Globalization;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Search;
using Microsoft.Extensions.AI;

namespace GmgBot.Core.Answering;

/// <summary>One way of answering: its name, why it stands where it does in the order, and the attempt itself.</summary>
public sealed record AnswerStrategy(string Name, string Why, Func<Ask, CancellationToken, ValueTask<Answer?>> TryAnswerAsync)
{
    public AnswerStrategy(string name, string why, Func<Ask, Answer?> tryAnswer)
        : this(name, why, (ask, _) => ValueTask.FromResult(tryAnswer(ask)))
    {
    }
}

/// <summary>
/// Answers delegates' and staff's questions from the knowledge: structured records when they hold
/// the answer (agenda, people, SDG targets, working groups), cited passages otherwise, and an honest
/// "I don't know" when the question is outside the documents. The strategies are tried in <see cref="Strategies"/>
/// order; the first that answers wins.
/// </summary>
/// <param name="meaning">The embedding model of the documents' vectors (kept with the knowledge snapshot); without it,
/// or without vectors, questions are matched by their words alone.</param>
public sealed class AnswerEngine(
    IKnowledgeSource knowledge,
    ISearchIndex index,
    TimeProvider time,
    ISessionActions? sessionActions = null,
    IEmbeddingGenerator<string, Embedding<float>>? meaning = null)
    : IQuestionAnswerer
{
    private readonly ISessionActions _sessionActions = sessionActions ?? new NoSessionActions();

    /// <summary>The strategies, most specific first: a question is answered by the first that recognises it.</summary>
    public IReadOnlyList<AnswerStrategy> Strategies { get; } =
    [
        new("small talk", "Greetings and thanks are not questions: nothing else should read them as one.", SmallTalk.TryAnswer),
        new("out of scope", "Wifi, another city's meeting, next week: declined before any record answers it with the wrong facts.", ScopeAnswers.TryAnswer),
        new("now or next", "\"What's on now?\" is answered by the clock, before any name in it is looked up.", AgendaAnswers.TryNowOrNext),
        new("a document's particulars", "\"The GB paper's symbol\" is about the document itself, before any passage that quotes a number.", DocumentAnswers.TryDocumentInfo),
        new("relations and counts", "Who appears twice, how many, the most, what two share: computed from the records before any one record claims the question.",
            RelationAnswers.TryAnswer),
        new("SDG target or goal", "A target number (\"10.7\") is the most exact thing a question can name.", SdgAnswers.TryAnswer),
        new("working group", "Group names hold common words (\"decent work\", \"data\") that sessions and passages share.", GroupAnswers.TryAnswer),
        new("person", "A named person is the subject even when the question also names one of their sessions.", PeopleAnswers.TryAnswer),
        new("the meeting's purpose", "\"The objectives of the meeting\" asks about the event itself, not a session with those words.", AgendaAnswers.TryEventPurpose),
        new("session", "A session named by title or alias: its time, room, people, SDG targets or status.", AgendaAnswers.TrySession),
        new("day or time of day", "A day, date or part of a day with agenda words asks for that schedule, once no session is named.", AgendaAnswers.TryDay),
        new("speaker by topic", "\"Who speaks about remittances?\" finds people by their topic, once no record is named.", PeopleAnswers.TryTopicOrRemote),
        new("role a document leaves unnamed", "\"Who chaired roundtable 1\": a document that names nobody in that role says so before a passage about some chair answers.",
            DocumentAnswers.TryUnnamedRole),
        new("dated event, term or organisation", "Records the documents define, before a passage search that would only quote around them.", DocumentAnswers.TryEventOrTerm),
        new("fact", "Curated facts give every document's version where they differ; one passage cannot.", DocumentAnswers.TryFact),
        new("passage", "The passage that accounts for most of the question, when no record holds the answer.",
            (ask, cancellationToken) => DocumentAnswers.SearchAsync(ask, index, cancellationToken)),
        new("closest in meaning", "A record or passage worded unlike the question but meaning what it asks, once no words matched.",
            (ask, cancellationToken) => MeaningAnswers.TryClosestAsync(ask, index, cancellationToken)),
        new("person, loosely", "A named person nothing above explained is still better answered than declined.", PeopleAnswers.Fallback),
        new("session, loosely", "Likewise a named session.", AgendaAnswers.Fallback),
    ];

    public async ValueTask<BotReply> AnswerAsync(string question, QuestionContext context, CancellationToken cancellationToken = default) =>
        (await AskAsync(question, context, cancellationToken)).ToReply();

    public async ValueTask<Answer> AskAsync(string question, QuestionContext context, CancellationToken cancellationToken = default)
    {
        // One knowledge snapshot and one clock reading for the whole message, whatever its parts.
        var snapshot = knowledge.Current;
        var now = time.GetUtcNow();
        ParsedQuestion Read(string text) => ParsedQuestion.Parse(text, snapshot, now);
        var parts = QuestionParts.Split(question);
        if (parts.Count == 1)
        {
            return (await AnswerOneAsync(Read(question), snapshot, now, context, cancellationToken)).Answer;
        }
        // Each part answered in turn; a part that names nothing ("and which room is it in?") is about what the one before named.
        // A part that points back ("who co-chairs it?") is asked with that subject straight away: answering it alone first
        // would cost a second embedding for an answer thrown away.
        var answers = new List<(string Part, Answer Answer)>();
        string? subject = null;
        string? subjectsOrganisation = null;
        foreach (var part in parts)
        {
            var read = Read(part);
            var refersBack = subject is not null && read.Has(ReferringWords);
            // "Bela Hovy's agency — which working group does it co-chair?": a person's "it" that leads groups is their organisation.
            if (refersBack && read.AsksGroup && subjectsOrganisation is not null)
            {
                subject = subjectsOrganisation;
            }
            var (answer, ask) = await AnswerOneAsync(refersBack ? Read($"{part} {subject}") : read, snapshot, now, context, cancellationToken);
            if (!refersBack && subject is not null && Subject(ask) is null)
            {
                (answer, ask) = await AnswerOneAsync(Read($"{part} {subject}"), snapshot, now, context, cancellationToken);
            }
            // "Which working group leads X, and who co-chairs it?": "it" is what the answer found, not what the question named.
            subject = (ask.Question.Words.FirstOrDefault() is "which" ? SubjectOfAnswer(ask, answer) ?? Subject(ask) : Subject(ask) ?? SubjectOfAnswer(ask, answer))
                ?? ContentWords(ask) ?? subject;
            subjectsOrganisation = ask.Question.People is [var person, ..] && snapshot.People.TryGetValue(person, out var p) && p.Organisation is { } o
                ? snapshot.OrganisationShort(o) : null;
            answers.Add((part, answer));
        }
        return Combine(answers);
    }

    // Words that point back to what an earlier question named: "and who co-chairs it?", "where is that?".
    private static readonly string[] ReferringWords = ["it", "its", "they", "them", "their", "theirs", "he", "him", "his", "she", "hers", "that", "this", "there"];

    /// <summary>What a question names, in words another question can be completed with: a session, a person, a group…</summary>
    private static string? Subject(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        return ask.NamedSessions.Count == 1 ? $"{ask.NamedSessions[0].Session.Title} on day {ask.NamedSessions[0].Session.Day}"
            : q.People.Count > 0 ? k.PersonName(q.People[0])
            : ask.Lexicon.GroupMatcher.Best(q.Terms, threshold: 0.45) is { } group ? group.Item.Name
            : ask.NamedEvent is { } e ? e.Item.Name
            : q.TargetIds.Count > 0 ? $"target {q.TargetIds[0]}"
            : q.Organisations.Count > 0 ? k.OrganisationShort(q.Organisations[0])
            : null;
    }

    /// <summary>The group or person an answer is about when the question named none ("which WG leads the UNDAF guidance").</summary>
    private static string? SubjectOfAnswer(Ask ask, Answer answer)
    {
        if (answer.Declined)
        {
            return null;
        }
        var said = Words.Fold(answer.Text);
        var group = ask.Knowledge.Groups.Values.FirstOrDefault(g => g.Names.Select(n => n.Name).Append(g.Name).Any(n => said.Contains(Words.Fold(n), StringComparison.Ordinal)));
        return group is not null ? group.Name
            : ask.Lexicon.Names.Find(answer.Text).FirstOrDefault(m => m.Kind == EntityKind.Person) is { } person ? ask.Knowledge.PersonName(person.Id)
            : null;
    }

    /// <summary>The question's own words without its question words: "ilo start end gmg chair".</summary>
    private static string? ContentWords(Ask ask) =>
        ask.Question.Terms.Count == 0 ? null : string.Join(' ', ask.Question.Words.Where(w => ask.Question.Terms.Contains(Search.TextAnalysis.Stem(w) ?? w)));

    /// <summary>One reply for several questions: each answer once, in order, and what could not be answered said plainly.</summary>
    private static Answer Combine(IReadOnlyList<(string Part, Answer Answer)> answers)
    {
        var distinct = answers.Where(a => !a.Answer.Declined).Select(a => a.Answer).DistinctBy(a => a.Text).ToList();
        if (distinct.Count == 0)
        {
            return answers[0].Answer;
        }
        var unanswered = answers.Where(a => a.Answer.Declined).Select(a => $"“{a.Part}”").ToList();
        var text = string.Join("\n\n", distinct.Select(a => a.Text))
            + (unanswered.Count > 0 ? $"\n\nI don't have information to answer {Format.List(unanswered)}." : "");
        var cards = distinct.Select(a => a.Card).OfType<AdaptiveCard>().DistinctBy(c => c.FallbackText).Take(3).ToList();
        return new Answer("multi", text, cards.Count == 0 ? null : CardParts.Stack(cards), [.. distinct.SelectMany(a => a.Sources).Distinct()],
            distinct.Any(a => a.Basis == AnswerBasis.Documents) ? AnswerBasis.Documents : distinct[0].Basis)
        {
            Strategy = string.Join(" + ", distinct.Select(a => a.Strategy)),
        };
    }

    private async ValueTask<(Answer Answer, Ask Ask)> AnswerOneAsync(
        ParsedQuestion parsed, KnowledgeSnapshot snapshot, DateTimeOffset now, QuestionContext context, CancellationToken cancellationToken)
    {
        var vectors = snapshot.Kept<DocumentVectors>();
        var queryVector = meaning is not null && vectors is not null ? await meaning.EmbedQueryAsync(parsed.ForMeaning, cancellationToken) : null;
        var ask = new Ask(parsed, snapshot, new AgendaCards(snapshot, _sessionActions), context, now)
        {
            Meaning = queryVector is null ? null : new QuestionMeaning(queryVector, vectors!),
        };
        foreach (var strategy in Strategies)
        {
            if (await strategy.TryAnswerAsync(ask, cancellationToken) is { } answer)
            {
                return (WithAmountCaveat(ask, WithYearCaveat(ask, WithDateCaveat(ask, answer))) with { Strategy = strategy.Name }, ask);
            }
        }
        return (Decline(ask), ask);
    }

    /// <summary>
    /// "Who is the current …?": the documents are dated, so the answer says what they say and that it may have changed.
    /// (Questions about the agenda's own "now" are answered by the clock, not the documents.)
    /// </summary>
    private static Answer WithDateCaveat(Ask ask, Answer answer)
    {
        if (answer.Basis != AnswerBasis.Documents
            || !ask.Question.Has("current", "currently", "nowadays", "presently", "latest", "still", "today's"))
        {
            return answer;
        }
        var years = ask.Knowledge.Documents.Values
            .SelectMany(d => Regex.Matches(d.Date, @"\b(19|20)\d{2}\b").Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)))
            .ToList();
        var span = years.Count == 0 ? "" : years.Min() == years.Max() ? $" from {years.Min()}" : $" from {years.Min()}–{years.Max()}";
        return answer with { Text = $"My documents date{span}, so I can't tell what is current; this is what they say. {answer.Text}" };
    }

    /// <summary>
    /// "Who chairs the GMG in 2016?": an answer from the documents that never speaks of the year asked about is about
    /// another year. It says so first, so that what follows is not taken for an answer.
    /// </summary>
    private static Answer WithYearCaveat(Ask ask, Answer answer)
    {
        if (answer.Basis != AnswerBasis.Documents || answer.Declined)
        {
            return answer;
        }
        var years = Regex.Matches(ask.Question.Original, @"\b(?:19|20)\d{2}\b").Select(m => m.Value).Distinct().ToList();
        var missing = years.Where(y => !answer.Text.Contains(y, StringComparison.Ordinal)
            && !answer.Sources.Any(s => s.Section.Contains(y, StringComparison.Ordinal))).ToList();
        if (years.Count == 0 || missing.Count < years.Count)
        {
            return answer;
        }
        return answer with { Text = $"I don't have information about {Format.List(missing)} in my documents; the closest they say is this. {answer.Text}" };
    }

    /// <summary>"How much is SDC putting in?": a passage about the funding that states no sum of money does not answer; it says so.</summary>
    private static Answer WithAmountCaveat(Ask ask, Answer answer)
    {
        var q = ask.Question;
        if (answer.Declined || !(q.HasPhrase("how much") || q.Has("amount", "budget", "sum")) || q.Has("time", "long", "minutes", "hours")
            || Regex.IsMatch(answer.Text, @"[$€£]|\b(?:usd|chf|eur|us\$|dollars?|francs?|euros?|million|billion|thousand)\b", RegexOptions.IgnoreCase))
        {
            return answer;
        }
        return answer with { Text = $"The amount is not given in the documents. What they say: {answer.Text}" };
    }

    /// <summary>Says plainly that the bot cannot answer, names what it can, and invents nothing.</summary>
    public static Answer Decline(Ask ask) => new(
        Answer.DeclineIntent,
        $"Sorry, I don't have information about that. I can only answer questions about {ask.Knowledge.Timeline.Event.Name} " +
        "(agenda, rooms, speakers and chairs, SDG targets) and the GMG documents I was given (working groups, task forces, " +
        "the GMG's background). Type **help** to see what you can ask.",
        null,
        [],
        AnswerBasis.Conversation);
}
