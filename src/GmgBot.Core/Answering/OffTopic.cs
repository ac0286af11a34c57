namespace GmgBot.Core.Answering;

/// <summary>
/// What meeting documents never hold: logistics and services (wifi, hotels, visas, fees, badges), the world outside
/// (weather, sports, prices) and live data (links, recordings, registrations). A question about one of these is
/// declined even when the rest of it sounds like the meeting, unless the documents themselves use the word.
/// Generic to any meeting; nothing here is about one event.
/// </summary>
internal static class OffTopic
{
    private static readonly HashSet<string> Words =
    [
        // Logistics and services
        "wifi", "wi-fi", "password", "pw", "hotel", "hotels", "accommodation", "lodging", "flight", "flights", "airport", "taxi", "uber",
        "parking", "subway", "metro", "train", "bus", "shuttle", "visa", "visas", "invitation", "letter", "badge", "badges", "pass",
        "passes", "security", "fee", "fees", "price", "prices", "cost", "payment", "pay", "refund", "reimbursement", "reimburse",
        "diem", "allowance", "dsa", "subsistence", "menu", "vegetarian", "vegan", "halal", "allergy", "catering", "dress", "code",
        "wear", "interpretation", "interpreters", "translation", "headset", "headsets", "cloakroom", "printer", "printing",
        "charger", "locker", "book", "booking", "reserve", "reservation", "seat", "seats", "ticket", "tickets", "register",
        "registered", "registrations", "rsvp", "signup", "zoom", "teams", "webex", "link", "links", "url", "webcast", "livestream",
        "stream", "streaming", "recording", "recordings", "recorded", "slides", "photos", "photo", "video-link", "dial", "dial-in",
        "phone", "email", "contact", "address",
        // The world outside
        "weather", "temperature", "rain", "forecast", "capital", "population", "president", "king", "queen", "football",
        "soccer", "cup", "fifa", "olympics", "score", "stock", "market", "bitcoin", "recipe", "joke", "jokes",
        "movie", "film", "song", "music", "restaurant", "restaurants", "bar", "museum", "tourist", "sightseeing", "shopping",
        "reset", "login", "account", "install", "download",
    ];

    /// <summary>The off-topic words of a question that the documents do not use themselves.</summary>
    public static IReadOnlyList<string> In(ParsedQuestion question, Lexicon lexicon) =>
        [.. question.Words.Where(w => Words.Contains(w) && !lexicon.DocumentWords.Contains(w))];
}
