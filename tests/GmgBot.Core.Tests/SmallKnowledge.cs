using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Tests;

/// <summary>A tiny hand-written knowledge base for unit tests that must not depend on the curated files.</summary>
internal static class SmallKnowledge
{
    public static SourceRef Source(string section = "Agenda") => new() { Document = "note", Section = section };

    public static Session Session(string id, int day, string start, string end, string title, params string[] aliases) => new()
    {
        Id = id,
        Day = day,
        Start = TimeOnly.Parse(start),
        End = TimeOnly.Parse(end),
        Title = title,
        Kind = SessionKind.Session,
        Aliases = aliases,
        Source = Source(),
    };

    public static KnowledgeBase Build(IReadOnlyList<Session>? sessions = null, string hash = "h1", IReadOnlyList<SourceDocument>? documents = null) => new()
    {
        Event = new EventInfo
        {
            Id = "meeting",
            Name = "Test Meeting",
            City = "New York",
            TimeZone = "America/New_York",
            Days = [new EventDay { Day = 1, Date = new DateOnly(2014, 10, 16) }, new EventDay { Day = 2, Date = new DateOnly(2014, 10, 17) }],
            RoomBookings =
            [
                new RoomBooking { Date = new DateOnly(2014, 10, 16), Start = new TimeOnly(10, 0), End = new TimeOnly(13, 0), Room = "Room 6", Source = Source("Cover") },
            ],
            Source = Source("Cover"),
        },
        Sessions = sessions ??
        [
            Session("open", 1, "09:00", "10:30", "Promoting decent work for international migrants", "decent work"),
            Session("costs", 1, "10:45", "12:15", "Reducing migration costs", "migration costs"),
            Session("recap", 2, "09:00", "09:30", "Recap session"),
        ],
        People = [],
        Organisations =
        [
            new Organisation { Id = "sdc", Name = "Swiss Agency for Development and Cooperation", Acronyms = ["SDC"], Source = Source() },
        ],
        WorkingGroups = [],
        Sdg = new SdgCatalogue(),
        Events = [],
        Facts = [],
        Glossary = [],
        Documents = documents ??
        [
            new SourceDocument
            {
                Id = "note", Title = "Concept Note", ShortTitle = "Concept Note", IssuingBody = "GMG", Date = "2014", OriginalFile = "note.txt",
                Sections =
                [
                    new DocumentSection { Heading = "Background", Text = "The event is funded by the Swiss Agency for Development and Cooperation. Leighton chairs it." },
                    new DocumentSection { Heading = "Agenda", Text = "Sessions on decent work and migration costs." },
                ],
            },
        ],
        ContentHash = hash,
    };
}
