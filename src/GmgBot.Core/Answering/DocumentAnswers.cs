using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// What the documents say beyond the agenda: dated events, abbreviations, facts (reporting every
/// document's version where they differ) and, failing those, the passage that answers, quoted with its section.
/// </summary>
internal static partial class DocumentAnswers
{
    // A passage must share at least this share of the question's known terms to count as an answer.
    private const double MinCoverage = 0.55;

    public static Answer? TryEventOrTerm(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        if (q.OtherDate is { } date)
        {
            var onDate = k.Knowledge.Events.Where(e => e.StartDate <= date && date <= (e.EndDate ?? e.StartDate)).ToList();
            // What happened that day, rather than the year-long chairmanship that spans it.
            if (onDate.Where(e => e.StartDate == date && (e.EndDate ?? date) == date).ToList() is { Count: > 0 } thatDay)
            {
                onDate = thatDay;
            }
            if (onDate.Count > 0)
            {
                return EventsAnswer(ask, onDate);
            }
        }
        var match = ask.NamedEvent;
        // An event answers when the question is about it as a whole ("when was X"), not about some detail of it.
        if (match is not null && Residue(ask, match.Phrase).Count <= (q.AsksWhen || q.AsksWhere ? 1 : 0))
        {
            return EventsAnswer(ask, [match.Item]);
        }
        if (q.Abbreviations.Count > 0 && k.Terms.TryGetValue(q.Abbreviations[0], out var term)
            && (q.AsksMeaning || Residue(ask, term.Abbreviation).Count == 0)
            && !(q.Organisations.Count > 0 && !q.AsksMeaning))
        {
            return ask.Reply("term", $"{term.Abbreviation} stands for {term.Expansion}.", ask.Cards.Term(term), [term.Source]);
        }
        if (q.Organisations.Count > 0 && (q.AsksMeaning || Residue(ask, "").All(t => ask.Lexicon.OrganisationTerms(q.Organisations[0]).Contains(t))))
        {
            // "Tell me about the GMG": a fact the curators wrote about it says more than its name.
            if (!q.AsksMeaning && TryFact(ask) is { } described)
            {
                return described;
            }
            var o = k.Organisations[q.Organisations[0]];
            var missing = o.Acronyms.Where(a => !o.Name.Contains($"({a})", StringComparison.Ordinal)).ToList();
            var acronyms = missing.Count > 0 ? $" ({string.Join(", ", missing)})" : "";
            var text = q.AsksMeaning && o.Acronyms.Count > 0
                ? $"{o.Acronyms[0]} stands for {o.Name}."
                : $"{o.Name}{acronyms}" + (o.GmgMember ? " is a member of the Global Migration Group." : ".");
            if (!q.AsksMeaning && o.Notes is { } notes)
            {
                text += $" {notes}";
            }
            return ask.Reply("organisation", text, null, [o.GmgMemberSource ?? o.Source, o.Source]);
        }
        return null;
    }

    /// <summary>
    /// "Who chaired roundtable 1?": a role in a meeting that a document reports on, asked of a document that names
    /// nobody in that role. Saying so is the answer; a passage that mentions some chair is not.
    /// </summary>
    public static Answer? TryUnnamedRole(Ask ask)
    {
        var q = ask.Question;
        if (!q.AsksWho || !(q.AsksChair || q.AsksSpeakers) || q.Documents is not [var documentId] || q.People.Count > 0
            || ask.NamedSessions.Count > 0 || q.Terms.Any(t => !RoleTerms.Contains(t) && !t.Any(char.IsDigit) && !ask.Lexicon.IsCommon(t) && !ask.Lexicon.IsEveryday(t)))
        {
            return null;
        }
        var k = ask.Knowledge;
        if (!k.Documents.TryGetValue(documentId, out var document))
        {
            return null;
        }
        var role = q.AsksChair ? "chair" : "speaker";
        var named = k.People.Values
            .Where(p => p.Spellings.Any(s => s.Source.Document == documentId && (s.Context ?? "").Contains(role, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (named.Count > 0)
        {
            return null;
        }
        var who = q.AsksChair ? "who chaired or moderated it" : "who spoke";
        return ask.Reply("gap.role", $"The {document.ShortTitle} does not name {who}: it is not given in the documents.", null,
            [new SourceRef { Document = documentId, Section = document.Sections.FirstOrDefault()?.Heading ?? document.ShortTitle }]);
    }

    /// <summary>"What's the GB paper's document symbol?", "when is the briefing dated?": a document's own particulars.</summary>
    public static Answer? TryDocumentInfo(Ask ask)
    {
        var q = ask.Question;
        if (q.Documents is not [var documentId] || !ask.Knowledge.Documents.TryGetValue(documentId, out var document)
            || !q.Has("symbol", "number", "title", "titled", "called", "dated", "date", "issued", "published", "publisher", "reference", "code", "issuer"))
        {
            return null;
        }
        var own = ask.Lexicon.TermsOf($"{document.Title} {document.ShortTitle} {document.IssuingBody}");
        // One word beyond the document's own ("the GB paper *on the HLD*") still names it.
        if (q.Terms.Count(t => !own.Contains(t) && !DocumentInfoTerms.Contains(t) && !ask.Lexicon.IsFiller(t)) > 1)
        {
            return null;
        }
        var text = $"{document.ShortTitle}: “{document.Title}”, issued by {document.IssuingBody}; "
            + (document.Date.StartsWith("undated", StringComparison.OrdinalIgnoreCase) ? $"{Uncapitalise(document.Date)}." : $"dated {document.Date}.");
        return ask.Reply("document", text, null, [new SourceRef { Document = documentId, Section = document.Sections.FirstOrDefault()?.Heading ?? document.ShortTitle }]);
    }

    private static readonly HashSet<string> DocumentInfoTerms =
        ["symbol", "number", "titl", "call", "date", "issu", "publish", "refer", "code", "document", "paper", "report", "offici", "full", "exact"];

    private static readonly HashSet<string> RoleTerms = ["chair", "cochair", "co", "moder", "speaker", "speak", "present", "presid", "lead", "head", "session", "roundtabl"];

    public static async ValueTask<Answer?> SearchAsync(Ask ask, ISearchIndex index, CancellationToken cancellationToken)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        // "What period…", "which organisation…": the kind of answer need not be written in it ("2013-2015", "WMO").
        var terms = q.Terms.Where(t => !(AnswerTypes.Contains(t) && q.Focus.Contains(t)) && !Frequency.Contains(t)).Distinct().ToList();
        if (terms.Count == 0 || !terms.Any(ask.Lexicon.IndexTerms.Contains))
        {
            return null;
        }
        // "How many participants…": an answer that does not speak of participants counts something else.
        var counted = q.AsksCount ? q.Focus.Where(t => !AnswerTypes.Contains(t)).ToList() : [];
        // "Who's funding the October tech meeting": in the meeting's own document every passage is about the meeting,
        // so the words naming it are accounted for there without being repeated.
        var meeting = ask.Knowledge.Knowledge.Event;
        var meetingTerms = q.MentionsMeeting ? ask.Lexicon.MeetingTerms : new HashSet<string>();
        // Each word weighs by how telling it is; a word the documents never use weighs most, so "weather in New York"
        // is not answered by a passage about New York.
        var weight = terms.ToDictionary(t => t, ask.Lexicon.Rarity);
        var total = weight.Values.Sum();
        // Even a passage holding every word the documents know could not answer: no need to search.
        if (terms.Where(t => ask.Lexicon.IndexTerms.Contains(t) || meetingTerms.Contains(t)
                || (q.Alternatives.TryGetValue(t, out var other) && other.All(ask.Lexicon.IndexTerms.Contains))).Sum(t => weight[t]) / total < MinCoverage)
        {
            return null;
        }
        double Coverage(SearchDocument d)
        {
            var words = ask.Lexicon.TermsOf(d);
            // Only when the passage itself holds what is asked of the meeting: otherwise any passage would do.
            var aboutMeeting = d.Source.Document == meeting.Source.Document
                && terms.Any(t => !meetingTerms.Contains(t) && !ask.Lexicon.IsCommon(t) && words.Contains(t));
            return terms.Where(t => words.Contains(t) || (aboutMeeting && meetingTerms.Contains(t))
                || (q.Alternatives.TryGetValue(t, out var other) && other.All(words.Contains))).Sum(t => weight[t]) / total;
        }

        // "Which working group(s) …" wants groups: look among groups first, a little more leniently.
        if (q.AsksGroup && q.Has("which", "what"))
        {
            var groups = (await index.SearchAsync(new SearchRequest(q.Text, new HashSet<SearchKind> { SearchKind.Group }, Top: 5), cancellationToken))
                .Where(h => Coverage(h.Document) >= MinCoverage - 0.1)
                .Select(h => k.Groups[h.Document.RefId])
                .ToList();
            if (groups.Count > 1 && q.Has("groups", "forces"))
            {
                return GroupAnswers.Several(ask, groups);
            }
            if (groups.Count > 0)
            {
                return GroupAnswers.GroupAnswer(ask, groups[0]);
            }
        }

        // Among the best-ranked hits, the one that accounts for most of the question answers it; a document the
        // question names ("in the GB paper") keeps only what comes from that document.
        var documents = q.Documents.ToHashSet();
        var searchText = q.Alternatives.Count == 0 ? q.Text
            : $"{q.Text} {string.Join(' ', q.Words.SelectMany(Shorthand.RelatedWords))}";
        var hits = (await index.SearchAsync(new SearchRequest(searchText, Top: documents.Count > 0 ? 40 : 15), cancellationToken))
            .Where(h => documents.Count == 0 || documents.Contains(h.Document.Source.Document))
            .ToList();
        // The meeting's own words rank every passage about it alike; what is asked of it is searched for on its own too.
        var asked = q.Words.Where(w => TextAnalysis.Terms(w).Any(t => terms.Contains(t) && !meetingTerms.Contains(t))).ToList();
        if (meetingTerms.Count > 0 && asked.Count > 0 && asked.Count < q.Words.Count)
        {
            var more = await index.SearchAsync(new SearchRequest(string.Join(' ', asked), Top: 10), cancellationToken);
            hits.AddRange(more.Where(h => h.Document.Source.Document == meeting.Source.Document && hits.All(x => x.Document.Id != h.Document.Id)));
        }
        // A document the question names is small enough to read whole: a long list item the ranking put below the
        // first forty hits still answers if it holds the question's words.
        var candidates = hits.Select(h => h.Document).ToList();
        if (documents.Count > 0)
        {
            var seen = candidates.Select(d => d.Id).ToHashSet();
            candidates.AddRange(ask.Lexicon.Corpus.Documents.Where(d => d.Kind == SearchKind.Passage && documents.Contains(d.Source.Document) && !seen.Contains(d.Id)));
        }
        var ranked = candidates
            .Select((document, rank) => (Document: document, Coverage: Coverage(document), rank))
            .Where(x => x.Coverage >= MinCoverage && counted.All(ask.Lexicon.TermsOf(x.Document).Contains))
            .OrderByDescending(x => Math.Round(x.Coverage, 2))
            .ThenByDescending(x => HasAnswerShape(q, x.Document.Body))
            // A section whose heading is what is asked ("Key recommendations › Post-2015 agenda") beats one that mentions it.
            .ThenByDescending(x => x.Document.Source.Section is not { Length: > 0 } ? 0
                : Math.Round(terms.Where(t => !ask.Lexicon.IsCommon(t) && ask.Lexicon.TermsOf(x.Document.Source.Section).Contains(t)).Sum(t => weight[t]) / total, 1))
            .ThenBy(x => x.rank);
        foreach (var (document, _, _) in ranked)
        {
            // An abbreviation's record answers what it stands for, not "what role did the roundtable see for KNOMAD".
            if (document.Kind == SearchKind.Term && !q.AsksMeaning && q.Terms.Any(t => !ask.Lexicon.TermsOf(document).Contains(t) && !ask.Lexicon.IsFiller(t)))
            {
                continue;
            }
            if (Render(ask, document) is { } answer)
            {
                return answer;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a text can hold the kind of answer asked: "how often" wants a frequency ("once a year", "annual",
    /// "every month"); a text without one is about the topic but does not answer.
    /// </summary>
    private static bool HasAnswerShape(ParsedQuestion q, string text) =>
        !(q.Has("often", "frequently", "frequency") || q.HasPhrase("how regularly")) || FrequencyExpression().IsMatch(text);

    [GeneratedRegex(@"\b(?:once|twice|annual(?:ly)?|yearly|monthly|weekly|daily|quarterly|biennial(?:ly)?|every|each (?:year|month|week)|per (?:year|month)|a year|a month|regular(?:ly)?|periodic(?:ally)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FrequencyExpression();

    /// <summary>A fact the question names by one of the phrases the curators listed for it ("how many agencies").</summary>
    public static Answer? TryFact(Ask ask)
    {
        var q = ask.Question;
        var match = ask.Lexicon.FactMatcher.Best(q.Stems, threshold: 0.6);
        if (match is null)
        {
            return null;
        }
        // One other word is allowed ("How many agencies are *in* the GMG?"), but not one the documents never use:
        // "weather" in "the weather in New York" is what that question is about.
        var residue = Residue(ask, match.Phrase).Where(t => !ask.Lexicon.IsCommon(t)).ToList();
        return residue.Count <= 1 && residue.All(ask.Lexicon.IndexTerms.Contains)
            && HasAnswerShape(q, string.Join(' ', match.Item.Claims.Select(c => c.Statement))) ? FactAnswer(ask, match.Item) : null;
    }

    internal static Answer? Render(Ask ask, SearchDocument d)
    {
        var k = ask.Knowledge;
        return d.Kind switch
        {
            SearchKind.Fact => k.Knowledge.Facts.FirstOrDefault(f => f.Id == d.RefId) is { } f ? FactAnswer(ask, f) : null,
            SearchKind.Event => k.Knowledge.Events.FirstOrDefault(e => e.Id == d.RefId) is { } e ? EventsAnswer(ask, [e]) : null,
            SearchKind.Term => k.Terms.TryGetValue(d.RefId, out var t) ? ask.Reply("term", $"{t.Abbreviation} stands for {t.Expansion}.", ask.Cards.Term(t), [t.Source]) : null,
            SearchKind.Person => k.People.TryGetValue(d.RefId, out var p) ? PeopleAnswers.PersonAnswer(ask, p) : null,
            SearchKind.Group => k.Groups.TryGetValue(d.RefId, out var g) ? GroupAnswers.GroupAnswer(ask, g) : null,
            SearchKind.Target => k.Targets.TryGetValue(d.RefId, out var target) ? SdgAnswers.TargetAnswer(ask, target) : null,
            SearchKind.Goal => int.TryParse(d.RefId, out var n) && k.Goals.TryGetValue(n, out var goal) ? SdgAnswers.GoalAnswer(ask, goal) : null,
            SearchKind.Session => k.Timeline.Find(d.RefId) is { } s ? AgendaAnswers.SessionAnswer(ask, s) : null,
            SearchKind.Passage => PassageAnswer(ask, d),
            _ => null,
        };
    }

    private static Answer FactAnswer(Ask ask, Fact fact)
    {
        var q = ask.Question;
        var claims = fact.Claims.ToList();
        var disagree = fact.Discrepancy;
        if (q.Ordinal is { } n && !disagree)
        {
            var item = claims.Count >= n && claims.Count > 1 ? claims[n - 1] : null;
            var line = item?.Statement ?? claims.Select(c => NumberedItem(c.Statement, n)).FirstOrDefault(x => x is not null);
            if (line is not null)
            {
                var source = item?.Source ?? claims[0].Source;
                return ask.Reply("fact.item", $"{Format.Capitalise(fact.Topic)}, point {n}: {line}", ask.Cards.Fact(fact, claims, disagree), [source]);
            }
        }
        string text;
        IReadOnlyList<Claim> cited = claims;
        if (disagree)
        {
            // Each claim with its document; the card adds the sections and the curators' note on why they differ.
            text = $"The documents differ on {Uncapitalise(fact.Topic)}: " + string.Join("; ", claims.Select(c => $"{c.Statement.TrimEnd('.')} ({Format.DocumentTitle(c.Source, ask.Knowledge)})")) + ".";
        }
        else
        {
            // The claims that answer this question, each cut to its best sentences; the card keeps them all.
            cited = RelevantClaims(ask, fact, claims);
            var lines = cited.Select(c => AsksForList(q) ? c.Statement : BestSentences(q, c.Statement, ask.Lexicon)).ToList();
            text = lines.Count == 1 ? lines[0] : $"{Format.Capitalise(fact.Topic)}: " + string.Join("; ", lines);
        }
        return ask.Reply(disagree ? "fact.disagree" : "fact", text, ask.Cards.Fact(fact, cited, disagree), cited.Select(c => c.Source));
    }

    private static IReadOnlyList<Claim> RelevantClaims(Ask ask, Fact fact, IReadOnlyList<Claim> claims)
    {
        if (claims.Count == 1 || AsksForList(ask.Question))
        {
            return claims;
        }
        var topic = ask.Lexicon.TermsOf(string.Join(' ', fact.Keywords.Append(fact.Topic)));
        var asked = ask.Question.Terms.Where(t => !topic.Contains(t)).ToList();
        var scored = claims.Select(c => (Claim: c, Score: asked.Where(ask.Lexicon.TermsOf(c.Statement).Contains)
            .Sum(t => ask.Lexicon.Rarity(t) * (ask.Question.Focus.Contains(t) ? 2 : 1)))).ToList();
        var best = scored.Max(x => x.Score);
        return best <= 0 ? claims : [.. scored.Where(x => x.Score >= best * 0.8).Select(x => x.Claim)];
    }

    /// <summary>"What are the eight points", "list the objectives": the whole list is the answer.</summary>
    private static bool AsksForList(ParsedQuestion q) =>
        q.Has("list", "all", "points", "objectives", "recommendations", "principles", "areas", "themes", "issues", "steps", "pillars",
            "priorities", "accomplishments", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");

    private static Answer EventsAnswer(Ask ask, IReadOnlyList<DatedEvent> events)
    {
        // The meeting the bot serves is also a dated event of the documents; its own record says more (venue, rooms).
        var firstDay = ask.Knowledge.Knowledge.Event.Days.Min(d => d.Date);
        if (events is [var only] && only.StartDate == firstDay)
        {
            return AgendaAnswers.EventInfo(ask);
        }
        var text = string.Join(" ", events.Select(e =>
            $"{e.Name}: {e.When}{(e.Place is { } place ? $", {place}" : "")}." + (e.Description is { } d && events.Count == 1 ? $" {d}" : "")));
        if (events is [var one] && Missing(ask.Question, one) is { Count: > 0 } missing)
        {
            text += $" Its {Format.List(missing)} {(missing.Count == 1 ? "is" : "are")} not given in the documents.";
        }
        return ask.Reply("event.dated", text, events.Count == 1 ? ask.Cards.Event(events[0]) : null, events.Select(e => e.Source));
    }

    /// <summary>What the question asks of a dated event that its record does not hold: a time of day, a room, an exact date.</summary>
    private static List<string> Missing(ParsedQuestion q, DatedEvent e)
    {
        var missing = new List<string>();
        if (q.Has("time", "hour", "o'clock") && !ClockTime().IsMatch(e.When + " " + e.Description))
        {
            missing.Add("time of day");
        }
        if (q.Has("room", "rooms", "venue", "building") && !(e.Place ?? "").Contains("room", StringComparison.OrdinalIgnoreCase))
        {
            missing.Add("room");
        }
        else if (q.AsksWhere && e.Place is null)
        {
            missing.Add("place");
        }
        if (q.Has("date", "exact", "day", "when") && e.StartDate is null)
        {
            missing.Add("exact date");
        }
        return missing;
    }

    [GeneratedRegex(@"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2} ?(?:am|pm|a\.m|p\.m)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClockTime();

    private static Answer PassageAnswer(Ask ask, SearchDocument passage)
    {
        // A line that only heads what follows ("9.30-12.00 Mainstreaming migration…") is read with the passage after it.
        var body = passage.Body.Length < HeadingLength
            ? string.Join(" ", ask.Lexicon.Following(passage, maxCharacters: 700).Select(p => p.Body).Prepend(passage.Body))
            : passage.Body;
        var quote = BestSentences(ask.Question, body, ask.Lexicon);
        // "Two main principles were laid down for this:" — the list that follows is the answer.
        if (quote.EndsWith(':'))
        {
            quote = string.Join(" ", ask.Lexicon.Following(passage, maxCharacters: 700).Select(p => p.Body).Prepend(quote));
        }
        var document = ask.Knowledge.Documents.TryGetValue(passage.Source.Document, out var doc) ? doc.ShortTitle : passage.Source.Document;
        var text = $"{document} ({passage.Source.Section}): “{quote}”";
        return ask.Reply("passage", text, ask.Cards.Passage(quote, quote.Length > body.Length ? quote : body, passage.Source), [passage.Source]);
    }

    private const int HeadingLength = 150;

    /// <summary>The sentence that best answers, with its neighbour when it is too short to stand alone.</summary>
    internal static string BestSentences(ParsedQuestion q, string passage, Lexicon lexicon)
    {
        var sentences = SearchCorpus.Sentences(passage).SelectMany(SplitClauses).ToList();
        if (sentences.Count <= 2)
        {
            return passage;
        }
        if (q.Ordinal is { } n && sentences.Select(s => NumberedItem(s, n)).FirstOrDefault(x => x is not null) is { } item)
        {
            return item;
        }
        var terms = q.Terms.ToHashSet();
        // Words naming the kind of answer ("which knowledge partnership") count triple: their sentence holds the answer.
        var scores = sentences.Select(s => lexicon.TermsOf(s).Sum(t => q.Focus.Contains(t) ? 3 : terms.Contains(t) ? 1 : 0)).ToList();
        var best = scores.IndexOf(scores.Max());
        var quote = sentences[best];
        if ((quote.Length < 80 || quote.EndsWith(':')) && best + 1 < sentences.Count)
        {
            quote += " " + sentences[best + 1];
        }
        return quote;
    }

    // Very long sentences (lists of clauses) are cut at semicolons so a quote stays on what was asked.
    private static IEnumerable<string> SplitClauses(string sentence) =>
        sentence.Length <= 300 ? [sentence] : sentence.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NumberedItem(string text, int n)
    {
        var match = Regex.Match(text, $@"(?:^|\s|\()(?:{n}[.)]|\({n}\))\s*(?<item>[^;]+?)(?=\s+(?:\(?\d{{1,2}}[.)]|\(\d{{1,2}}\))\s|;|$)");
        return match.Success ? match.Groups["item"].Value.Trim().TrimEnd(';', '.') : null;
    }

    /// <summary>The question's terms that a phrase (an event name) does not account for.</summary>
    private static List<string> Residue(Ask ask, string phrase)
    {
        var named = ask.Lexicon.TermsOf(phrase);
        return [.. ask.Question.Terms.Where(t => !named.Contains(t) && !Generic.Contains(t))];
    }


    private static readonly IReadOnlySet<string> AnswerTypes = TextAnalysis.Terms(
        "date dates year years period time place location name names number amount organisation organization agency agencies " +
        "country countries city cities person people role title kind type month day topic topics subject issue").ToHashSet();

    // "How often…": a frequency is what is asked; the answer says "once a year", never "often".
    private static readonly IReadOnlySet<string> Frequency = TextAnalysis.Terms("often frequently frequency regularly").ToHashSet();

    private static readonly HashSet<string> Generic = ["held", "happen", "take", "place", "event", "meet", "wa", "year", "tell"];

    private static string Uncapitalise(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
