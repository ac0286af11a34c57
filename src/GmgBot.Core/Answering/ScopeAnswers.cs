using System.Globalization;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>
/// Questions outside what the documents can answer, declined before anything answers them with the wrong facts: things
/// meeting documents never hold (wifi, hotels, fees), this meeting in another city or year, a known event placed
/// elsewhere, what happens "next week", and results of a period after the documents end. The decline says what the
/// documents do cover, and names no one.
/// </summary>
internal static partial class ScopeAnswers
{
    public static Answer? TryAnswer(Ask ask) =>
        OffTopicRequest(ask) ?? RelativeFuture(ask) ?? OtherMeeting(ask) ?? EventElsewhere(ask) ?? ResultsAfterTheDocuments(ask);

    private static Answer? OffTopicRequest(Ask ask) =>
        OffTopic.In(ask.Question, ask.Lexicon) is { Count: > 0 } words
            ? Decline(ask, $"I don't have information about {string.Join(' ', words.Distinct())}; my documents are the meeting's programme and the GMG's papers, which don't cover that.")
            : null;

    private static Answer? RelativeFuture(Ask ask)
    {
        var q = ask.Question;
        var when = new[] { "next week", "next month", "next year", "later this year", "this year", "this month" }.FirstOrDefault(q.HasPhrase);
        return when is null ? null
            : Decline(ask, $"I have no information about what happens {when}: my documents date from {Span(ask)}, and the only programme I have is {Meeting(ask)}.");
    }

    /// <summary>"Who's chairing the GMG technical meeting in Geneva in 2015": this meeting, but another city or year.</summary>
    private static Answer? OtherMeeting(Ask ask)
    {
        var q = ask.Question;
        var e = ask.Knowledge.Timeline.Event;
        var aboutThisKindOfMeeting = q.MentionsMeeting && (ask.NamedEvent is null || ask.NamedEvent.Item.StartDate == e.Days.Min(d => d.Date));
        if (!aboutThisKindOfMeeting)
        {
            return null;
        }
        var year = e.Days[0].Date.Year;
        var otherYears = Years(q).Where(y => y != year).ToList();
        var otherPlaces = Places(ask).Where(p => !Words.Fold(e.City).Contains(p, StringComparison.Ordinal) && !Words.Fold(e.Venue ?? "").Contains(p, StringComparison.Ordinal)).ToList();
        if (otherYears.Count == 0 && otherPlaces.Count == 0)
        {
            return null;
        }
        var what = string.Join(" ", new[] { otherPlaces.Count > 0 ? $"in {Format.Capitalise(otherPlaces[0])}" : null, otherYears.Count > 0 ? $"in {otherYears[0]}" : null }.OfType<string>());
        return Decline(ask, $"I don't have information about a meeting {what}. The only meeting whose programme I have is {Meeting(ask)}.");
    }

    /// <summary>"When is the GFMD summit in Istanbul": an event the documents know, asked about somewhere it was not.</summary>
    private static Answer? EventElsewhere(Ask ask)
    {
        if (ask.NamedEvent is not { } named || named.Item.Place is not { } place)
        {
            return null;
        }
        var e = named.Item;
        var elsewhere = Places(ask).Where(p => !Words.Fold(place).Contains(p, StringComparison.Ordinal) && !Words.Fold(e.Name).Contains(p, StringComparison.Ordinal)).ToList();
        var otherYear = Years(ask.Question).Where(y => e.StartDate is { } start && y != start.Year && y != (e.EndDate ?? start).Year).ToList();
        if (elsewhere.Count == 0 && otherYear.Count == 0)
        {
            return null;
        }
        var asked = elsewhere.Count > 0 ? $"in {Format.Capitalise(elsewhere[0])}" : $"in {otherYear[0]}";
        return Decline(ask, $"I don't have information about a {e.Name} {asked}. The documents mention the {e.Name} of {e.When}, {place}.", [e.Source]);
    }

    /// <summary>"What did the World Bank achieve as GMG chair in 2015": results of a time after the documents were written.</summary>
    private static Answer? ResultsAfterTheDocuments(Ask ask)
    {
        var q = ask.Question;
        var asksResults = q.Has("achieve", "achieved", "achievements", "accomplish", "accomplished", "result", "results", "outcome", "outcomes",
            "agreed", "agreeing", "decided", "concluded", "adopted", "happened") || q.HasPhrase("end up") || q.HasPhrase("ended up");
        var latest = LatestDocumentYear(ask);
        return asksResults && latest is { } last && Years(q).FirstOrDefault(y => y > last) is var year and > 0
            ? Decline(ask, $"I don't have information about {year}; my documents date from {Span(ask)}, so they say what was planned, not what happened then.")
            : null;
    }

    private static Answer Decline(Ask ask, string text, IEnumerable<SourceRef>? sources = null) =>
        new(Answer.DeclineIntent, $"{text} Type **help** to see what you can ask.", null, [.. sources ?? []], AnswerBasis.Conversation);

    private static string Meeting(Ask ask)
    {
        var t = ask.Knowledge.Timeline;
        return $"{t.Event.Name}, {t.Event.City}, {Format.List(t.Days.Select(d => d.Date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))))}";
    }

    private static string Span(Ask ask)
    {
        var years = ask.Knowledge.Documents.Values.SelectMany(d => YearPattern().Matches(d.Date).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture))).ToList();
        return years.Count == 0 ? "before the meeting" : years.Min() == years.Max() ? $"{years.Min()}" : $"{years.Min()}–{years.Max()}";
    }

    private static int? LatestDocumentYear(Ask ask) =>
        ask.Knowledge.Documents.Values.SelectMany(d => YearPattern().Matches(d.Date).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture))).DefaultIfEmpty().Max() is var y and > 0 ? y : null;

    private static IEnumerable<int> Years(ParsedQuestion q) =>
        q.Words.Where(w => w.Length == 4 && YearPattern().IsMatch(w)).Select(w => int.Parse(w, CultureInfo.InvariantCulture));

    /// <summary>
    /// Places the question puts something in ("in Geneva", "at Istanbul"): a word after "in" or "at" that is a place
    /// the records name, a name the documents only write capitalised, or a word the documents never use; not the
    /// meeting's own rooms and buildings.
    /// </summary>
    private static IEnumerable<string> Places(Ask ask)
    {
        var words = ask.Question.Words;
        var known = KnownPlaces(ask.Knowledge.Knowledge);
        var venue = VenueWords(ask.Knowledge.Knowledge);
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var next = words[i + 1];
            if (words[i] is "in" or "at" && next.Length > 2 && !next.Any(char.IsDigit) && !EnglishWords.Common.Contains(next) && !EnglishWords.Generic.Contains(next)
                && !venue.Contains(next) && (known.Contains(next) || ask.Lexicon.ProperNames.Contains(next) || !ask.Lexicon.DocumentWords.Contains(next))
                && ask.Question.Organisations.Count(o => Words.Of(Words.Fold(ask.Knowledge.OrganisationName(o))).Contains(next)) == 0)
            {
                yield return next;
            }
        }
    }

    private static HashSet<string> VenueWords(KnowledgeBase knowledge) =>
        [.. new[] { knowledge.Event.Venue ?? "" }.Concat(knowledge.Event.RoomBookings.SelectMany(b => new[] { b.Room, b.Building ?? "" }))
            .Concat(knowledge.Sessions.Select(s => s.Location ?? "")).SelectMany(p => Words.Of(Words.Fold(p)))];

    private static HashSet<string> KnownPlaces(KnowledgeBase knowledge) =>
        [.. new[] { knowledge.Event.City }.Concat(knowledge.Events.Select(e => e.Place ?? "")).Concat(knowledge.Organisations.Select(o => o.Based ?? ""))
            .SelectMany(p => Words.Of(Words.Fold(p))).Where(w => w.Length > 2 && !EnglishWords.Common.Contains(w))];

    [GeneratedRegex(@"\b(19|20)\d{2}\b")]
    private static partial Regex YearPattern();
}
