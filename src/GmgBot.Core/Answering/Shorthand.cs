using System.Text.RegularExpressions;

namespace GmgBot.Core.Answering;

/// <summary>
/// Chat shorthand and compounds people type in Teams, rewritten to the words the documents use
/// ("taskforce" → "task force", "abt" → "about", "kids" → "children"). Everyday English, nothing about a meeting.
/// </summary>
internal static partial class Shorthand
{
    private static readonly Dictionary<string, string> Tokens = new()
    {
        ["abt"] = "about", ["wht"] = "what", ["wat"] = "what", ["wats"] = "what is", ["whats"] = "what is", ["r"] = "are",
        ["u"] = "you", ["ur"] = "your", ["pls"] = "please", ["plz"] = "please", ["thx"] = "thanks", ["govt"] = "government",
        ["govts"] = "governments", ["org"] = "organisation", ["orgs"] = "organisations", ["intl"] = "international",
        ["info"] = "information", ["kids"] = "children", ["kid"] = "child", ["mtg"] = "meeting", ["tech"] = "technical", ["rm"] = "room",
        ["tmrw"] = "tomorrow", ["tmr"] = "tomorrow", ["2day"] = "today", ["b4"] = "before", ["dept"] = "department",
        ["mins"] = "minutes", ["hrs"] = "hours", ["ppl"] = "people", ["w"] = "with", ["nxt"] = "next", ["sched"] = "schedule",
        ["guy"] = "person", ["guys"] = "people", ["lady"] = "person", ["woman"] = "person", ["man"] = "person", ["chairperson"] = "chair", ["chairman"] = "chair", ["chairwoman"] = "chair", ["talkin"] = "talking", ["speakin"] = "speaking",
        ["dev"] = "development", ["devt"] = "development", ["mgmt"] = "management", ["res"] = "research", ["recs"] = "recommendations",
        ["rec"] = "recommendation", ["reps"] = "representatives", ["rep"] = "representative", ["conf"] = "conference", ["approx"] = "approximately",
    };

    // Everyday words for what reports put formally ("who's paying" / "funded by"); not "pay" itself, which asks about fees
    // ("do I have to pay to attend") and is declined as such. Used only for a word the documents
    // never use, so a word they do use keeps its own meaning, and it is never "corrected" into a look-alike ("paying" → "playing").
    private static readonly Dictionary<string, string> Register = new()
    {
        ["pays"] = "funds", ["paying"] = "funding", ["paid"] = "funded", ["payer"] = "funder", ["payers"] = "funders",
        ["sponsor"] = "fund", ["sponsors"] = "funds", ["sponsoring"] = "funding", ["sponsored"] = "funded", ["sponsorship"] = "funding",
        ["bankroll"] = "fund", ["bankrolls"] = "funds", ["bankrolling"] = "funding", ["bankrolled"] = "funded", ["backer"] = "funder", ["backers"] = "funders",
        ["enough"] = "adequately", ["sufficiently"] = "adequately", ["properly"] = "adequately", ["thoroughly"] = "adequately",
        ["suggest"] = "recommend", ["suggested"] = "recommended", ["suggests"] = "recommends", ["suggestions"] = "recommendations",
        ["send"] = "submit", ["sends"] = "submits", ["sending"] = "submitting", ["sent"] = "submitted",
        ["yearly"] = "annual", ["annually"] = "annual",
        ["omitted"] = "not explicitly mentioned", ["missing"] = "not explicitly mentioned", ["absent"] = "not explicitly mentioned", ["lacks"] = "not explicitly mentioned",
        // A negation carries no topic of its own; the verb after it does ("didn't get covered enough").
        ["didnt"] = "not", ["dont"] = "not", ["doesnt"] = "not", ["wasnt"] = "not", ["werent"] = "not", ["fail"] = "not", ["failed"] = "not",
        ["boss"] = "head", ["bosses"] = "heads", ["leader"] = "head", ["leaders"] = "heads",
    };

    // Words the documents use, but for which they also say it another way ("apply to join" / "membership application").
    // A passage using either answers; the question keeps its own word.
    private static readonly Dictionary<string, string[]> Related = new()
    {
        ["wrote"] = ["author"], ["written"] = ["author"], ["write"] = ["author"], ["drafted"] = ["author"],
        ["sent"] = ["submitted"], ["join"] = ["membership"], ["joining"] = ["membership"], ["funds"] = ["funded"], ["leave"] = ["carried forward"],
    };

    /// <summary>Other words the documents may use for a word of the question.</summary>
    public static IEnumerable<string> RelatedWords(string word) => Related.GetValueOrDefault(word) ?? [];

    /// <summary>A word the documents never use, put the way the documents would ("paying" → "funding").</summary>
    public static IEnumerable<string> InDocumentWords(string word, IReadOnlySet<string> vocabulary) =>
        !vocabulary.Contains(word) && Register.TryGetValue(word, out var formal) ? formal.Split(' ') : [word];

    public static string Apply(string folded) => Compounds().Replace(folded, m => m.Value switch
    {
        var v when v.StartsWith("taskforce", StringComparison.Ordinal) => "task force" + v["taskforce".Length..],
        var v when v.StartsWith("workgroup", StringComparison.Ordinal) => "working group" + v["workgroup".Length..],
        "w/o" => "without",
        var v when v.EndsWith(" over", StringComparison.Ordinal) => v[..^" over".Length] + " forward",
        var v when v.StartsWith("left out", StringComparison.Ordinal) => "not explicitly mentioned in",
        "w/" => "with ",
        "&" => " and ",
        _ => m.Value,
    });

    public static IEnumerable<string> Expand(string word) =>
        Tokens.TryGetValue(word, out var replacement) ? replacement.Split(' ') : [word];

    // "Carried over" is what reports call "carried forward".
    [GeneratedRegex(@"\btaskforces?\b|\bworkgroups?\b|\bw/o\b|\bw/|&|\b(?:carry|carries|carried|carrying) over\b|\bleft out(?: of)?\b")]
    private static partial Regex Compounds();
}
