namespace GmgBot.Core.Answering;

/// <summary>Everyday words that are never typos of a name and never names themselves.</summary>
internal static class EnglishWords
{
    public static readonly HashSet<string> Common =
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "attend",
        "attending", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "day", "days", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has",
        "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
        "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
        "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very",
        "was", "we", "were", "what", "whats", "when", "where", "which", "while", "who", "whom", "whose", "why", "will",
        "with", "would", "you", "your", "yours", "tell", "please", "show", "give", "list", "talk", "speak", "speaks",
        "speaking", "speaker", "speakers", "chair", "chairs", "chaired", "chairing", "session", "sessions", "today",
        "tomorrow", "yesterday", "morning", "afternoon", "evening", "next", "agenda", "schedule", "room", "time", "start",
        "starts", "begin", "begins", "end", "ends", "person", "remote", "remotely", "video", "role", "title", "organisation",
        "organization", "represent", "represents", "work", "works", "about", "topic", "target", "targets", "goal", "goals",
        "group", "groups", "working", "task", "force", "forces", "lead", "leads", "hello", "thanks", "thank", "help",
        "weather", "capital", "city", "country", "news", "price", "buy", "sell", "book", "flight", "hotel", "restaurant",
        "football", "music", "movie", "film", "game", "joke", "recipe", "stock", "market", "tonight", "week", "weekend",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ];

    /// <summary>
    /// Everyday words of questions that carry no topic ("what does it actually say", "things", "supposed to"): when the
    /// documents do not use one, it must not weigh like an unknown topic would.
    /// </summary>
    public static readonly HashSet<string> Generic =
    [
        "actually", "really", "exactly", "exact", "basically", "just", "also", "still", "even", "ever", "maybe", "probably",
        "perhaps", "anyway", "btw", "pls", "plz", "please", "thx", "u", "r", "ur", "im", "ok", "okay", "hey", "hi", "so",
        "thing", "things", "item", "items", "stuff", "something", "anything", "everything", "anyone", "someone", "everyone", "anybody",
        "somebody", "lot", "lots", "bit", "kind", "sort", "type", "way", "part", "parts", "point", "bits", "one", "ones",
        "seem", "seems", "seemed", "say", "says", "said", "saying", "mean", "means", "meant", "supposed", "going", "gonna",
        "wanna", "happen", "happens", "happened", "happening", "done", "do", "did", "does", "doing", "make", "makes", "made",
        "get", "gets", "got", "getting", "go", "goes", "went", "gone", "look", "looks", "looked", "looking", "show", "shows",
        "showed", "see", "sees", "saw", "seen", "come", "comes", "came", "coming", "take", "takes", "took", "taken", "put",
        "keep", "kept", "want", "wants", "need", "needs", "know", "knows", "think", "find", "found", "use", "used", "using",
        "different", "differ", "differs", "same", "other", "another", "else", "such", "big", "small", "main", "whole",
        "overall", "total", "number", "many", "much", "more", "less", "most", "least", "left", "right", "end", "ended",
        "docs", "doc", "document", "documents", "paper", "papers", "text", "mention", "mentions", "mentioned", "refer",
        "refers", "referred", "talk", "talks", "talked", "talking", "tell", "tells", "told", "ask", "asks", "asked", "give", "gives",
        "gave", "given", "list", "name", "names", "named", "called", "call", "calls",
    ];
}
