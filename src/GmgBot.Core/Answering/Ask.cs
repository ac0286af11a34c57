using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// One question being answered: the question as read, the knowledge and its vocabulary, the cards to answer with,
/// who asks and when; and what the question names (sessions, a dated event), read once for every strategy.
/// </summary>
public sealed class Ask(ParsedQuestion question, KnowledgeSnapshot knowledge, AgendaCards agendaCards, QuestionContext asker, DateTimeOffset now)
{
    private readonly Dictionary<string, object?> _memo = [];

    public ParsedQuestion Question { get; } = question;
    public KnowledgeSnapshot Knowledge { get; } = knowledge;
    public Lexicon Lexicon { get; } = Lexicon.Of(knowledge);
    public AgendaCards AgendaCards { get; } = agendaCards;
    public AnswerCards Cards { get; } = new(knowledge, agendaCards);
    public QuestionContext Asker { get; } = asker;
    public DateTimeOffset Now { get; } = now;

    /// <summary>What the question means, as a vector beside the documents' vectors; null without an embedding model.</summary>
    public QuestionMeaning? Meaning { get; init; }

    /// <summary>
    /// The sessions the question names: by title or alias, narrowed by the day and time it mentions, or else by their
    /// place on the agenda ("the 2pm panel", "the last slot of day one"), or else by what they are about ("the panel on
    /// cheaper money transfers home").
    /// </summary>
    public IReadOnlyList<ScheduledSession> NamedSessions => Once(nameof(NamedSessions), () =>
        SessionLinks.Between(this) is { Count: > 0 } between ? between
        : SessionLinks.Named(this) is { Count: > 0 } named ? named
        : SessionLinks.ByPosition(this) is { Count: > 0 } placed ? placed
        : SessionLinks.ByMeaning(this));

    /// <summary>The dated event (a past meeting, a report's launch) the question names, if any.</summary>
    public PhraseMatch<DatedEvent>? NamedEvent =>
        Once(nameof(NamedEvent), () => Lexicon.EventMatcher.Best(Question.Terms, threshold: 0.5, minCoverage: 0.5) is { } match
            && Lexicon.TermsOf(match.Phrase).Where(Question.Terms.Contains).Any(t => !RoleTerms.Contains(t)) ? match : null);

    // "Who chaired roundtable 1" asks for a person; the word it shares with "the ILO's chairmanship" names no event.
    private static readonly HashSet<string> RoleTerms = ["chair", "cochair", "co", "speaker", "speak", "moder", "lead", "head", "conven"];

    /// <summary>A schedule card whose times are also shown in the asker's own time zone.</summary>
    public AdaptiveCard Schedule(IReadOnlyList<(EventDay Day, IReadOnlyList<ScheduledSession> Sessions)> days) =>
        AgendaCards.Schedule(days, Asker.UserTimeZone);

    /// <summary>Computes a value once per question: several strategies ask the same matcher the same thing.</summary>
    public TValue Once<TValue>(string key, Func<TValue> compute)
    {
        if (!_memo.TryGetValue(key, out var value))
        {
            _memo[key] = value = compute();
        }
        return (TValue)value!;
    }

    /// <summary>
    /// The question's terms that neither the named thing (<paramref name="names"/>) nor the words of the kind of
    /// question (<paramref name="cues"/>) account for: when several remain, the question is about something else
    /// that merely mentions the thing ("Which convention did Ban Ki-moon call to ratify?").
    /// </summary>
    public List<string> Unexplained(IEnumerable<string> names, IReadOnlySet<string> cues)
    {
        var named = names.SelectMany(Lexicon.TermsOf).ToHashSet();
        return [.. Question.Terms.Where(t => !named.Contains(t) && !cues.Contains(t) && !t.Any(char.IsDigit) && !Lexicon.IsEveryday(t))];
    }

    /// <summary>An answer from the documents, with its sources cited under the text.</summary>
    public Answer Reply(string intent, string text, AdaptiveCard? card, IEnumerable<SourceRef> sources) =>
        Reply(intent, text, card, sources, AnswerBasis.Documents);

    /// <summary>An answer about the agenda as of now (what is on, a day's schedule): true whenever it is asked.</summary>
    public Answer ClockReply(string intent, string text, AdaptiveCard? card, IEnumerable<SourceRef> sources) =>
        Reply(intent, text, card, sources, AnswerBasis.Clock);

    private Answer Reply(string intent, string text, AdaptiveCard? card, IEnumerable<SourceRef> sources, AnswerBasis basis)
    {
        var cited = sources.Distinct().ToList();
        var line = cited.Count == 0 ? text : $"{text}\n\n_{Format.ShortSources(cited, Knowledge)}_";
        return new Answer(intent, line, card, cited, basis);
    }
}
