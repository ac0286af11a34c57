using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Pattern;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace GmgBot.Core.Search;

/// <summary>
/// English analysis used both to index the knowledge and to read questions, so that a question's
/// terms and the index's terms always agree: tokenise, fold accents (Crépeau, Malmström), drop
/// possessives and stop words, Porter-stem.
/// </summary>
public sealed class EnglishTextAnalyzer(CharArraySet stopWords) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public EnglishTextAnalyzer() : this(EnglishAnalyzer.DefaultStopSet)
    {
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        foreach (var (pattern, replacement) in SpellingVariants.Compiled)
        {
            stream = new PatternReplaceFilter(stream, pattern, replacement, all: false);
        }
        stream = new StopFilter(Version, stream, stopWords);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}

/// <summary>
/// British and American spellings made one ("organisation"/"organization", "labour"/"labor", "programme"/"program"):
/// the documents use one, delegates type either. Applied to the index and to questions alike (and mirrored by the
/// Azure AI Search analyzer), so an over-eager rewrite can only ever merge a word with itself.
/// </summary>
public static class SpellingVariants
{
    /// <summary>Whole-token regular expressions and replacements; the syntax works in .NET and in Java (Azure AI Search).</summary>
    public static IReadOnlyList<(string Pattern, string Replacement)> Rules { get; } =
    [
        (@"^(\w{2,}?)is(ation|ations|e|es|ed|ing|er|ers)$", "$1iz$2"),
        (@"^(\w+?)ys(e|es|ed|ing)$", "$1yz$2"),
        (@"^(lab|behavi|fav|col|neighb|hon|harb|endeav|vig|rig|sav|flav|hum)our(s|ed|ing|er|ers|able)?$", "$1or$2"),
        (@"^programme(s|d)?$", "program$1"),
        (@"^(cent|met|theat|fib)re(s|d)?$", "$1er$2"),
        // Derivations the Porter stemmer keeps apart: "membership" / "member", "chairman" / "chair", "registration" / "register".
        (@"^(\w{3,}?)ships?$", "$1"),
        (@"^chair(man|men|woman|women|person|persons|people)$", "chair"),
        (@"^registrations?$", "register"),
        (@"^applications?$", "apply"),
    ];

    // Built once: the analyzer runs every rule on every token of the knowledge and of every question.
    internal static IReadOnlyList<(System.Text.RegularExpressions.Regex Pattern, string Replacement)> Compiled { get; } =
        [.. Rules.Select(r => (new System.Text.RegularExpressions.Regex(r.Pattern,
            System.Text.RegularExpressions.RegexOptions.Compiled | System.Text.RegularExpressions.RegexOptions.CultureInvariant), r.Replacement))];
}

/// <summary>Turns text into the index's terms.</summary>
public static class TextAnalysis
{
    // Declared first: the question analyzer below is built from it during static initialisation.
    public static IReadOnlyList<string> QuestionWords { get; } =
    [
        "what", "whats", "who", "whom", "whose", "when", "where", "which", "why", "how", "do", "does", "did",
        "can", "could", "would", "should", "tell", "me", "about", "please", "give", "show", "list", "i", "you",
        "we", "our", "my", "your", "has", "have", "had", "been", "being", "am", "were", "any", "all", "some",
        "know", "say", "says", "said", "from", "its", "it's", "also", "much", "many", "each", "one", "ones",
        "behind", "regarding", "concerning", "among", "within", "upon", "via", "per", "like", "would", "just", "there",
        "whats", "hows", "whos", "wheres", "whens", "ok", "okay", "kindly", "exactly", "actually", "really", "need", "want", "long",
        "come", "came", "comes", "get", "got", "gets", "go", "goes", "went", "btw", "anyway", "hey", "hi", "thanks", "out",
        // How a question refers to the documents, not what it asks about.
        "cite", "cites", "cited", "mention", "mentions", "mentioned", "connection", "according", "refer", "refers", "referred",
        "regard", "relation", "respect", "context", "exactly", "specifically", "particular",
        "he", "she", "him", "his", "her", "hers", "them", "theirs", "its", "i'm", "im", "i'd", "id", "let", "lets",
        "cover", "covers", "covered", "span", "spans", "last", "lasts",
    ];

    private static readonly EnglishTextAnalyzer Indexing = new();

    // Questions carry words that say what is asked but not about what; they must not steer retrieval.
    private static readonly EnglishTextAnalyzer Questions = new(QuestionStopWords());

    private static CharArraySet QuestionStopWords()
    {
        var words = new CharArraySet(EnglishTextAnalyzer.Version, EnglishAnalyzer.DefaultStopSet, ignoreCase: true);
        foreach (var word in QuestionWords)
        {
            words.Add(word);
        }
        return words;
    }

    /// <summary>Index terms of <paramref name="text"/>, in order, stop words removed.</summary>
    public static List<string> Terms(string text) => Analyze(Indexing, text);

    /// <summary>Terms of a question: like <see cref="Terms"/>, without question words.</summary>
    public static List<string> QuestionTerms(string text) => Analyze(Questions, text);

    /// <summary>The stem of a single word, or null when it is a stop word.</summary>
    public static string? Stem(string word) => Analyze(Indexing, word) is [var stem] ? stem : null;

    private static List<string> Analyze(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
