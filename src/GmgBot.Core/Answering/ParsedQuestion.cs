using System.Globalization;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;

namespace GmgBot.Core.Answering;

public enum DayPart { Morning, Afternoon, Evening }

/// <summary>A question read once: its words, index terms, the names and dates it mentions, and what kind of thing it asks.</summary>
public sealed partial class ParsedQuestion
{
    private ParsedQuestion(string text, KnowledgeSnapshot knowledge)
    {
        Original = text;
        var lexicon = Lexicon.Of(knowledge);
        Words = [.. Answering.Words.Of(Shorthand.Apply(Answering.Words.Fold(text))).SelectMany(Shorthand.Expand)
            .SelectMany(w => Shorthand.InDocumentWords(w, lexicon.Vocabulary)).Select(lexicon.Spelling.Correct)];
        Text = string.Join(' ', Words);
        WordSet = Words.ToHashSet();
        Mentions = Lexicon.Of(knowledge).Names.Find(text);
        // A document the question names ("the GB paper") scopes the answer; its name is not what is asked about.
        var topic = Words.ToList();
        var typed = Mentions.Any(m => m.Kind == EntityKind.Document) ? Answering.Words.Of(text) : [];
        foreach (var mention in Mentions.Where(m => m.Kind == EntityKind.Document))
        {
            RemoveSequence(topic, [.. typed.Skip(mention.Start).Take(mention.Length)]);
        }
        // The model knows "Roundtable 1 report" but not the shorthand a reader types for it ("rt1", "the GB paper").
        ForMeaning = Mentions.Any(m => m.Kind == EntityKind.Document)
            ? string.Join(' ', typed.Select((word, i) => Mentions.FirstOrDefault(m => m.Kind == EntityKind.Document && m.Start == i) is { } named
                    ? knowledge.Documents.GetValueOrDefault(named.Id)?.ShortTitle ?? word
                    : Mentions.Any(m => m.Kind == EntityKind.Document && i > m.Start && i < m.Start + m.Length) ? null : word)
                .OfType<string>())
            : text;
        // "working group" and "task force" say what kind of thing is asked about, not which: they must not match "decent work".
        // Days and times are read separately (Day, At, Part): "day 2" must not match "panel 2".
        Terms = Search.TextAnalysis.QuestionTerms(WhenWords().Replace(GroupWords().Replace(string.Join(' ', topic), " "), " "));
        Stems = Search.TextAnalysis.Terms(Text).ToHashSet();
        Alternatives = Words.SelectMany(w => Shorthand.RelatedWords(w).Select(r => (Term: Search.TextAnalysis.Stem(w) ?? w, Related: r)))
            .GroupBy(x => x.Term)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(x => Search.TextAnalysis.Terms(x.Related)).ToHashSet());
        var which = Words.ToList().FindIndex(w => w is "which" or "what" or "many" or "much");
        Focus = which < 0 ? new HashSet<string>()
            : Search.TextAnalysis.QuestionTerms(string.Join(' ', Words.Skip(which + 1).TakeWhile(w => !Auxiliaries.Contains(w)).Take(3))).ToHashSet();
    }

    private static readonly HashSet<string> Auxiliaries =
        ["is", "are", "was", "were", "does", "do", "did", "has", "have", "had", "will", "would", "can", "could", "should", "of", "in", "on", "for", "to", "at", "by"];

    private static void RemoveSequence(List<string> words, IReadOnlyList<string> sequence)
    {
        for (var i = 0; sequence.Count > 0 && i + sequence.Count <= words.Count; i++)
        {
            if (words.Skip(i).Take(sequence.Count).SequenceEqual(sequence))
            {
                words.RemoveRange(i, sequence.Count);
                return;
            }
        }
    }

    /// <summary>The question as typed.</summary>
    public string Original { get; }
    /// <summary>The question's words, lower case, misspellings corrected.</summary>
    public string Text { get; }

    /// <summary>The question as the embedding model should read it: documents named by their titles.</summary>
    public string ForMeaning { get; }
    public IReadOnlyList<string> Words { get; }
    public IReadOnlySet<string> WordSet { get; }
    /// <summary>Index terms without question words: what the question is about.</summary>
    public IReadOnlyList<string> Terms { get; }
    /// <summary>
    /// What kind of thing the answer is: the words after "which" or "what" ("which *knowledge partnership*",
    /// "what *date*"). The sentence that holds them usually holds the answer.
    /// </summary>
    public IReadOnlySet<string> Focus { get; private set; } = new HashSet<string>();
    /// <summary>Terms the documents may use instead of one of <see cref="Terms"/> ("join" → "member").</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Alternatives { get; }

    /// <summary>Index terms including question words such as "chair" or "time".</summary>
    public IReadOnlySet<string> Stems { get; }
    public IReadOnlyList<EntityMention> Mentions { get; private set; } = [];
    public IReadOnlyList<string> People => [.. Mentions.Where(m => m.Kind == EntityKind.Person).Select(m => m.Id).Distinct()];
    public IReadOnlyList<string> Organisations => [.. Mentions.Where(m => m.Kind == EntityKind.Organisation).Select(m => m.Id).Distinct()];
    public IReadOnlyList<string> Abbreviations => [.. Mentions.Where(m => m.Kind == EntityKind.Term).Select(m => m.Id).Distinct()];
    /// <summary>Documents the question names ("according to the concept note"): the answer should come from them.</summary>
    public IReadOnlyList<string> Documents => [.. Mentions.Where(m => m.Kind == EntityKind.Document).Select(m => m.Id).Distinct()];
    /// <summary>SDG target ids ("10.c") named in the question, known or not.</summary>
    public IReadOnlyList<string> TargetIds { get; private set; } = [];
    public IReadOnlyList<int> GoalNumbers { get; private set; } = [];
    /// <summary>The event day the question names (by number, date, weekday or today/tomorrow), if any.</summary>
    public int? Day { get; private set; }
    /// <summary>A date the question names that is not a day of the event.</summary>
    public DateOnly? OtherDate { get; private set; }
    public DayPart? Part { get; private set; }
    public TimeOnly? At { get; private set; }
    /// <summary>An ordinal the question asks for ("point 2", "the third objective").</summary>
    public int? Ordinal { get; private set; }

    public bool Has(params string[] words) => words.Any(WordSet.Contains);

    public bool HasStem(params string[] stems) => stems.Any(Stems.Contains);

    public bool HasPhrase(string phrase) => $" {string.Join(' ', Words)} ".Contains($" {phrase} ", StringComparison.Ordinal);

    // What is asked.
    public bool AsksWhen => Has("when", "time", "times", "start", "starts", "begin", "begins", "open", "opens", "end", "ends",
        "finish", "finishes", "until", "long", "duration", "date", "dates", "held") && !AsksWhere;
    public bool AsksWhere => Has("where", "room", "rooms", "venue", "location", "located", "place", "building");
    public bool AsksWho => Has("who", "whom", "whose") || AsksChair || AsksSpeakers;
    // "Chairmanship" is the office a body held ("IOM's chairmanship"), not a person chairing.
    public bool AsksChair => Words.Any(w => (w.StartsWith("chair", StringComparison.Ordinal) || w.StartsWith("cochair", StringComparison.Ordinal))
            && !w.Contains("manship", StringComparison.Ordinal))
        || HasStem("moder", "presid") || HasPhrase("co chair") || HasPhrase("co chairs");
    public bool AsksSpeakers => HasStem("speaker", "speak", "panelist", "panel", "present", "presenter", "talk");
    public bool AsksFacilitator => HasStem("facilit", "run", "organ", "host", "lead");
    public bool AsksSdg => Has("sdg", "sdgs", "target", "targets", "goal", "goals");
    public bool AsksStatus => HasStem("confirm", "tbc", "status", "final", "definit", "cancel");
    public bool AsksTopic => Has("about", "topic", "subject", "present", "presenting", "discuss", "discusses", "cover", "covers", "focus")
        || HasPhrase("talk about") || HasPhrase("speak on") || HasPhrase("speaking on");
    public bool AsksRemote => Has("remote", "remotely", "video", "vc", "virtual", "virtually", "online", "physically", "videoconference")
        || HasPhrase("in person") || HasPhrase("via video") || HasStem("attend");
    public bool AsksOrganisation => HasStem("organ", "organis", "repres", "affili", "agenc", "employ", "institut") || HasPhrase("work for") || HasPhrase("works for");
    public bool AsksRole => Has("role", "title", "position", "job", "function", "who");
    public bool AsksAgenda => Has("agenda", "schedule", "programme", "program", "sessions", "happening", "plan", "planned", "lineup")
        || HasPhrase("what is on") || HasPhrase("whats on") || HasPhrase("what s on");
    public bool AsksGroup => Has("group", "groups", "wg", "wgs", "tf", "force", "forces");
    public bool AsksLead => HasStem("chair", "cochair", "conven", "coconven", "lead", "head", "run") || HasPhrase("co chair") || HasPhrase("co convene");
    public bool AsksNow => Has("now", "currently", "underway", "ongoing") || HasPhrase("right now") || HasPhrase("at the moment");
    public bool AsksNext => Has("next", "upcoming") || HasPhrase("coming up");
    public bool AsksCount => HasPhrase("how many") || Has("number", "count");
    public bool AsksPurpose => Has("objective", "objectives", "aim", "aims", "purpose", "purposes", "intended", "intend", "goal", "goals")
        && !Has("sdg", "sdgs", "target", "targets");
    public bool MentionsMeeting => Has("meeting", "event", "workshop", "conference", "twlm");
    public bool AsksMeaning => HasPhrase("stand for") || HasPhrase("stands for") || Has("mean", "means", "meaning", "acronym", "abbreviation");

    public static ParsedQuestion Parse(string text, KnowledgeSnapshot knowledge, DateTimeOffset now)
    {
        var q = new ParsedQuestion(text, knowledge);
        q.ReadSdg(knowledge);
        q.ReadDay(knowledge.Timeline, now);
        q.ReadTime();
        q.ReadOrdinal();
        return q;
    }

    private void ReadSdg(KnowledgeSnapshot knowledge)
    {
        var targets = new List<string>();
        for (var i = 0; i < Words.Count; i++)
        {
            var m = TargetId().Match(Words[i]);
            if (!m.Success)
            {
                continue;
            }
            var id = Words[i];
            var cued = i > 0 && Words[i - 1] is "target" or "targets" or "sdg" or "and" or "or";
            // "10.30" is a time, not a target, unless the question says target.
            if (knowledge.Targets.ContainsKey(id) || cued)
            {
                targets.Add(id);
            }
        }
        TargetIds = [.. targets.Distinct()];

        var goals = new List<int>();
        for (var i = 0; i + 1 < Words.Count; i++)
        {
            if (Words[i] is "goal" or "sdg" or "goals" or "sdgs" && int.TryParse(Words[i + 1], out var n) && n is >= 1 and <= 17)
            {
                goals.Add(n);
            }
        }
        GoalNumbers = [.. goals.Distinct()];
    }

    private void ReadDay(Timeline timeline, DateTimeOffset now)
    {
        for (var i = 0; i + 1 < Words.Count; i++)
        {
            if (Words[i] == "day" && DayNumber(Words[i + 1]) is { } n)
            {
                Day = n;
                return;
            }
            if (Words[i + 1] == "day" && Ordinals.TryGetValue(Words[i], out var o))
            {
                Day = o;
                return;
            }
        }
        // "What's on at 11 on the first morning": the nth day's part (the part itself is read below); but "the first
        // afternoon session" is a session's place in a part of some day.
        for (var i = 0; i + 1 < Words.Count; i++)
        {
            if (Words[i + 1] is "morning" or "afternoon" or "evening" && Ordinals.TryGetValue(Words[i], out var o)
                && (i + 2 >= Words.Count || !SlotNouns.Contains(Words[i + 2])))
            {
                Day = o;
                return;
            }
        }
        if (Has("today", "tonight") || HasPhrase("this morning") || HasPhrase("this afternoon"))
        {
            SetDate(timeline, timeline.LocalDate(now));
            return;
        }
        if (Has("tomorrow"))
        {
            SetDate(timeline, timeline.LocalDate(now).AddDays(1));
            return;
        }
        if (Has("yesterday"))
        {
            SetDate(timeline, timeline.LocalDate(now).AddDays(-1));
            return;
        }
        if (ReadDate(timeline) is { } date)
        {
            SetDate(timeline, date);
            return;
        }
        // "What's on at 11 on the 16th": a day of the month alone is the event's day of that date, when it has one.
        if (DayOfMonth().Match(string.Join(' ', Words)) is { Success: true } nth)
        {
            var dayOfMonth = int.Parse(nth.Groups["d"].Value, CultureInfo.InvariantCulture);
            if (timeline.Days.Select(d => timeline.DayOn(d.Date) ?? d).FirstOrDefault(d => d.Date.Day == dayOfMonth) is { } dated)
            {
                Day = dated.Day;
                return;
            }
        }
        foreach (var day in timeline.Days)
        {
            var original = timeline.DayOn(day.Date) is { } d ? d : day;
            if (Has(original.Date.DayOfWeek.ToString().ToLowerInvariant()))
            {
                Day = original.Day;
                return;
            }
        }
    }

    private void SetDate(Timeline timeline, DateOnly date)
    {
        if (timeline.DayOn(date) is { } day)
        {
            Day = day.Day;
        }
        else
        {
            OtherDate = date;
        }
    }

    // "16 October", "October 16th", "16 Oct 2014", "2014-10-16", "16/10".
    private DateOnly? ReadDate(Timeline timeline)
    {
        var year = timeline.Days[0].Date.Year;
        var match = DayMonth().Match(string.Join(' ', Words));
        int? day = null, month = null;
        if (match.Success)
        {
            var dayText = match.Groups["d1"].Success ? match.Groups["d1"].Value : match.Groups["d2"].Value;
            day = int.Parse(dayText, CultureInfo.InvariantCulture);
            month = MonthNumber(match.Groups["m"].Value);
            if (match.Groups["y"].Success)
            {
                year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
            }
        }
        else if (IsoDate().Match(Original) is { Success: true } iso)
        {
            return DateOnly.ParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (day is null || month is null || day > DateTime.DaysInMonth(year, month.Value))
        {
            return null;
        }
        // A day and month without a year mean the event's own dates, replayed or not.
        var candidate = new DateOnly(year, month.Value, day.Value);
        var replayed = timeline.Days.FirstOrDefault(d => d.Date.Month == month && d.Date.Day == day);
        return match.Groups["y"].Success || replayed is null ? candidate : replayed.Date;
    }

    private void ReadTime()
    {
        // "Morning and afternoon" is the whole day.
        if (Has("morning") && Has("afternoon"))
        {
        }
        else if (Has("morning") || HasPhrase("a.m") || Has("am"))
        {
            Part = DayPart.Morning;
        }
        else if (Has("afternoon") || Has("pm", "p.m"))
        {
            Part = DayPart.Afternoon;
        }
        else if (Has("evening", "tonight"))
        {
            Part = DayPart.Evening;
        }
        // "at 11", "from 10.30", and times that say they are times without a preposition: "10:45", "2pm", "2 p.m".
        if ((ClockTime().Match(string.Join(' ', Words)) is { Success: true } prepositioned ? prepositioned : BareTime().Match(string.Join(' ', Words))) is { Success: true } m)
        {
            var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (m.Groups["pm"].Success && hour < 12)
            {
                hour += 12;
            }
            if (hour < 24 && minute < 60)
            {
                At = new TimeOnly(hour, minute);
            }
        }
    }

    // "point 2", "objective 4", "the third recommendation" ask for one item of a list; "the first HLD" does not.
    private void ReadOrdinal()
    {
        for (var i = 0; i < Words.Count; i++)
        {
            if (ListNouns.Contains(Words[i]) && i + 1 < Words.Count && int.TryParse(Words[i + 1], out var n) && n is > 0 and < 30)
            {
                Ordinal = n;
                return;
            }
            if (Ordinals.TryGetValue(Words[i], out var o) && i + 1 < Words.Count && ListNouns.Contains(Words[i + 1]))
            {
                Ordinal = o;
                return;
            }
        }
    }

    private static readonly HashSet<string> SlotNouns =
        ["session", "sessions", "slot", "slots", "panel", "panels", "talk", "talks", "item", "items", "thing", "things", "break", "coffee", "one", "event"];

    private static readonly HashSet<string> ListNouns =
        ["point", "points", "item", "items", "number", "no", "objective", "objectives", "recommendation", "recommendations", "principle",
         "principles", "area", "areas", "theme", "themes", "pillar", "pillars", "priority", "priorities", "step", "steps", "issue", "issues"];

    /// <summary>A count a word states: "3", "three".</summary>
    public static int? CountOf(string word) =>
        int.TryParse(word, out var n) && n is > 0 and < 100 ? n : Numbers.TryGetValue(word, out var w) ? w : null;

    private static int? DayNumber(string word) =>
        int.TryParse(word, out var n) && n is > 0 and < 10 ? n : Numbers.TryGetValue(word, out var w) ? w : null;

    private static int? MonthNumber(string word)
    {
        for (var m = 1; m <= 12; m++)
        {
            var name = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m).ToLowerInvariant();
            if (name.StartsWith(word, StringComparison.Ordinal) && word.Length >= 3)
            {
                return m;
            }
        }
        return null;
    }

    private static readonly Dictionary<string, int> Numbers = new()
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5,
    };

    private static readonly Dictionary<string, int> Ordinals = new()
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8,
        ["1st"] = 1, ["2nd"] = 2, ["3rd"] = 3, ["4th"] = 4, ["5th"] = 5, ["6th"] = 6, ["7th"] = 7, ["8th"] = 8,
    };

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)\b")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\b(?:working groups?|wgs?|task forces?|tfs?)\b")]
    private static partial Regex GroupWords();

    [GeneratedRegex(@"\b(?:days? (?:\d|one|two|three)|(?:first|second|third|1st|2nd|3rd) (?:day|morning|afternoon|evening)|\d{1,2}[:]\d{2}|\d{1,2}\.\d{2}(?!\d)|\d{1,2} ?(?:am|pm)|today|tomorrow|yesterday|tonight|morning|afternoon|evening|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2}(?:st|nd|rd|th)?)\b")]
    private static partial Regex WhenWords();

    [GeneratedRegex(@"^\d{1,2}\.(\d{1,2}|[a-z])$")]
    private static partial Regex TargetId();

    [GeneratedRegex(@"\b(?:(?<d1>\d{1,2})(?:st|nd|rd|th)?(?: of)? (?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*|(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* (?<d2>\d{1,2})(?:st|nd|rd|th)?)\b(?: (?<y>\d{4}))?")]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?:at|from|by|around|after|before) (?<h>\d{1,2})(?:[:.](?<m>\d{2}))?(?: ?(?<pm>pm|p\.m)|(?: ?(?:am|a\.m)))?\b")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(?<h>\d{1,2}):(?<m>\d{2})(?: ?(?<pm>pm|p\.m)|(?: ?(?:am|a\.m)))?\b|\b(?<h>\d{1,2}) ?(?:(?<pm>pm|p\.m)|am|a\.m)\b")]
    private static partial Regex BareTime();
}
