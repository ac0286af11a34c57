namespace GmgBot.Core.Search;

/// <summary>
/// Merges rankings of the same documents (by words, by meaning) into one: each document scores the sum of
/// 1 / (k + rank) over the lists it appears in (Cormack, Clarke and Büttcher, 2009). Scores of different scales need no
/// calibration, and a document ranked well by both beats one ranked first by either alone. Azure AI Search fuses its
/// hybrid queries the same way.
/// </summary>
public static class ReciprocalRankFusion
{
    private const int K = 60;

    public static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<SearchHit> byWords, IReadOnlyList<SearchDocument> byMeaning, int top)
    {
        var scores = new Dictionary<string, (SearchDocument Document, double Score)>();
        void Add(SearchDocument document, int rank)
        {
            var (_, score) = scores.GetValueOrDefault(document.Id);
            scores[document.Id] = (document, score + 1.0 / (K + rank + 1));
        }
        for (var rank = 0; rank < byWords.Count; rank++)
        {
            Add(byWords[rank].Document, rank);
        }
        for (var rank = 0; rank < byMeaning.Count; rank++)
        {
            Add(byMeaning[rank], rank);
        }
        return [.. scores.Values.OrderByDescending(x => x.Score).Take(top).Select(x => new SearchHit(x.Document, (float)x.Score))];
    }
}
