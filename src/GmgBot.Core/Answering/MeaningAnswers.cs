using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>
/// Questions worded unlike the documents ("when was the communiqué sent to the SG", the documents say "conveyed to
/// the UN Secretary-General"): the record or passage closest in meaning answers, when it is close enough and the
/// question is not about something meeting documents never hold (<see cref="OffTopic"/>).
/// </summary>
internal static partial class MeaningAnswers
{
    // Calibrated on the eval sets (README, "How a question becomes an answer"): below it, the nearest document is
    // as often unrelated as related; above it, it holds the answer for nine in ten in-scope questions.
    private const float CloseEnough = 0.60f;
    private const int Candidates = 8;
    // People are the people strategies' to answer: a question that merely mentions one ("the statement sent to Ban
    // Ki-moon's office") is closest to that person's record in meaning, but is about something else.
    // Meaning alone also finds a person for "who is the president of the United States": the document must share some
    // of the question's telling words too (weighted by rarity; a word the documents never use weighs most).
    private const double MinWordsInCommon = 0.25;

    public static async ValueTask<Answer?> TryClosestAsync(Ask ask, ISearchIndex index, CancellationToken cancellationToken)
    {
        if (ask.Meaning is not { } meaning || OffTopic.In(ask.Question, ask.Lexicon).Count > 0)
        {
            return null;
        }
        var hits = await index.SearchAsync(new SearchRequest(ask.Question.Text, Top: Candidates, Vector: meaning.Vector), cancellationToken);
        var best = hits
            .Select(h => (h.Document, Similarity: meaning.SimilarityTo(h.Document.Id)))
            .Where(x => x.Similarity >= CloseEnough && x.Document.Kind is not (SearchKind.Organisation or SearchKind.Term or SearchKind.Goal or SearchKind.Person)
                && WordsInCommon(ask, x.Document) >= MinWordsInCommon)
            .OrderByDescending(x => x.Similarity + (HoldsTheKindOfAnswer(ask.Question, x.Document) ? AnswerKindBonus : 0))
            .FirstOrDefault();
        return best.Document is null ? null : DocumentAnswers.Render(ask, best.Document);
    }

    // Among close candidates, one that holds what is asked for (a date for "when") is the likelier answer.
    private const float AnswerKindBonus = 0.04f;

    /// <summary>"When" wants a date, "how many" a number: does the document hold one?</summary>
    private static bool HoldsTheKindOfAnswer(ParsedQuestion q, SearchDocument document)
    {
        var text = $"{document.Title} {document.Body}";
        return (q.AsksWhen || q.Has("date", "day")) && DatePattern().IsMatch(text)
            || q.AsksCount && text.Any(char.IsDigit);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{1,2}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DatePattern();

    /// <summary>The share of the question's words, weighted by how telling they are, that the document uses.</summary>
    private static double WordsInCommon(Ask ask, SearchDocument document)
    {
        var terms = ask.Question.Terms.Distinct().ToList();
        var total = terms.Sum(ask.Lexicon.Rarity);
        var words = ask.Lexicon.TermsOf(document);
        return total == 0 ? 0 : terms.Where(words.Contains).Sum(ask.Lexicon.Rarity) / total;
    }
}
