using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Host.Tests.Search;

/// <summary>A small hand-written knowledge base: every kind of record the corpus indexes, ids with ':' and '.', an accent, synonyms.</summary>
internal static class TestKnowledge
{
    public static SourceRef Source(string section, string document = "note") => new() { Document = document, Section = section };

    public static SearchCorpus Corpus(string hash = "hash-1", bool withCostsSession = true) =>
        SearchCorpus.Of(new KnowledgeSnapshot(Build(hash, withCostsSession)));

    public static KnowledgeBase Build(string hash = "hash-1", bool withCostsSession = true) => new()
    {
        Event = new EventInfo
        {
            Id = "meeting",
            Name = "Test Meeting",
            City = "New York",
            TimeZone = "America/New_York",
            Days = [new EventDay { Day = 1, Date = new DateOnly(2014, 10, 16) }],
            Source = Source("Cover"),
        },
        Sessions =
        [
            Session("open", "09:00", "10:30", "Promoting decent work for international migrants", "decent work"),
            .. withCostsSession ? [Session("costs", "10:45", "12:15", "Reducing migration costs", "migration costs")] : Array.Empty<Session>(),
        ],
        People =
        [
            new Person
            {
                Id = "malmstrom", Name = "Cecilia Malmström", Title = "Commissioner", Organisation = "sdc", Source = Source("Agenda"),
                Spellings =
                [
                    new NameVariant { Name = "Cecilia Malmström", Source = Source("Agenda") },
                    new NameVariant { Name = "Cecilia Malmstrom", Source = Source("Background") },
                ],
            },
        ],
        Organisations =
        [
            new Organisation { Id = "sdc", Name = "Swiss Agency for Development and Cooperation", Acronyms = ["SDC"], Source = Source("Background") },
        ],
        WorkingGroups = [],
        Sdg = new SdgCatalogue
        {
            Targets = [new SdgTarget { Id = "10.7", Goal = 10, Text = "Facilitate orderly, safe, regular and responsible migration", Source = Source("SDGs") }],
        },
        Events = [],
        Facts =
        [
            new Fact { Id = "members", Topic = "GMG membership", Keywords = ["members"], Claims = [new Claim { Statement = "The GMG has 18 members.", Source = Source("Background") }] },
        ],
        Glossary = [new Term { Abbreviation = "GMG", Expansion = "Global Migration Group", Source = Source("Background") }],
        Documents =
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

    private static Session Session(string id, string start, string end, string title, params string[] aliases) => new()
    {
        Id = id,
        Day = 1,
        Start = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        End = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
        Title = title,
        Kind = SessionKind.Session,
        Aliases = aliases,
        Source = Source("Agenda"),
    };
}
