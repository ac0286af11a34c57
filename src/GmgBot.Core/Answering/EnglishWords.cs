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
}
