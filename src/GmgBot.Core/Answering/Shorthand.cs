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

    public static string Apply(string folded) => Compounds().Replace(folded, m => m.Value switch
    {
        var v when v.StartsWith("taskforce", StringComparison.Ordinal) => "task force" + v["taskforce".Length..],
        var v when v.StartsWith("workgroup", StringComparison.Ordinal) => "working group" + v["workgroup".Length..],
        "w/o" => "without",
        "w/" => "with ",
        "&" => " and ",
        _ => m.Value,
    });

    public static IEnumerable<string> Expand(string word) =>
        Tokens.TryGetValue(word, out var replacement) ? replacement.Split(' ') : [word];

    [GeneratedRegex(@"\btaskforces?\b|\bworkgroups?\b|\bw/o\b|\bw/|&")]
    private static partial Regex Compounds();
}
