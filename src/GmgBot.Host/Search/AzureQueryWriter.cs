using System.Buffers;
using System.Text;
using GmgBot.Core.Search;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace GmgBot.Host.Search;

/// <summary>
/// Writes a question as an Azure AI Search query in full Lucene syntax that asks what <see cref="LuceneSearchIndex"/>
/// asks: the <see cref="QueryPlan"/>'s terms, a fuzzy variant of each term the corpus never uses, and its synonym
/// expansions as phrases. Field weights come from the index's scoring profile, not from the query.
/// </summary>
internal sealed class AzureQueryWriter
{
    private const string FuzzyBoost = "0.8";
    private const string ExpansionBoost = "0.7";

    private static readonly SearchValues<char> Special = SearchValues.Create("+-&|!(){}[]^\"~*?:\\/");

    private readonly AnalyzedSynonyms _synonyms;
    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly Dictionary<string, string> _phrases = [];

    public AzureQueryWriter(SearchCorpus corpus)
    {
        _synonyms = new AnalyzedSynonyms(corpus.Synonyms);
        _vocabulary = corpus.DocumentFrequency;
        foreach (var phrase in corpus.Synonyms.SelectMany(g => g.Phrases))
        {
            _phrases.TryAdd(string.Join(' ', TextAnalysis.Terms(phrase)), phrase);
        }
    }

    /// <summary>The query text, or null when the question has no searchable word.</summary>
    public string? Write(string question)
    {
        var plan = QueryPlan.Create(question, _synonyms);
        if (plan.IsEmpty)
        {
            return null;
        }
        var words = SurfaceWords(question);
        var query = new StringBuilder();
        foreach (var term in plan.Terms)
        {
            // The service analyses the word as it was written, with the same chain that produced the term.
            Append(query, Escape(words.GetValueOrDefault(term, term)));
            if (!_vocabulary.ContainsKey(term) && QueryPlan.FuzzyEdits(term) is { } edits)
            {
                // Fuzzy terms are not analysed: the stem is compared with the indexed stems, as Lucene's FuzzyQuery does.
                Append(query, $"{Escape(term)}~{edits}^{FuzzyBoost}");
            }
        }
        foreach (var expansion in plan.Expansions)
        {
            var stems = string.Join(' ', expansion);
            var phrase = _phrases.GetValueOrDefault(stems, stems).Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            Append(query, $"\"{phrase}\"~{QueryPlan.PhraseSlop}^{ExpansionBoost}");
        }
        return query.ToString();
    }

    /// <summary>Backslash-escapes every character the full Lucene syntax reserves.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Each question term with the word it came from ("costs" for "cost"). Every token is run through the same
    /// analysis as the question, one at a time, so a word maps to exactly the term the plan holds.
    /// </summary>
    private static Dictionary<string, string> SurfaceWords(string question)
    {
        var words = new Dictionary<string, string>();
        using var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, new StringReader(question));
        var token = tokenizer.AddAttribute<ICharTermAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            var word = token.ToString();
            if (TextAnalysis.QuestionTerms(word) is [var term])
            {
                words.TryAdd(term, word.ToLowerInvariant());
            }
        }
        tokenizer.End();
        return words;
    }

    private static void Append(StringBuilder query, string part) => (query.Length > 0 ? query.Append(' ') : query).Append(part);
}
