namespace GmgBot.Core.Knowledge;

// The knowledge base as organizers edit it: one YAML file per record kind under knowledge/.
// Every record carries the document and section it was taken from, so every answer can cite it.
// Property names map to camelCase YAML keys.

/// <summary>Where a fact was read: a document id (see knowledge/documents) and a section in it.</summary>
public sealed record SourceRef
{
    public required string Document { get; init; }
    public required string Section { get; init; }
}

/// <summary>The meeting the bot serves (knowledge/event.yaml).</summary>
public sealed record EventInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string> Organisers { get; init; } = [];
    public required string City { get; init; }
    public string? Venue { get; init; }
    /// <summary>IANA time zone id, e.g. America/New_York; agenda times are local to it.</summary>
    public required string TimeZone { get; init; }
    public required IReadOnlyList<EventDay> Days { get; init; }
    public IReadOnlyList<RoomBooking> RoomBookings { get; init; } = [];
    /// <summary>e.g. "preliminary": the agenda may still change.</summary>
    public string? AgendaStatus { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Objectives { get; init; } = [];
    public required SourceRef Source { get; init; }
}

public sealed record EventDay
{
    public required int Day { get; init; }
    public required DateOnly Date { get; init; }
    public string? Theme { get; init; }
    /// <summary>Where the day's theme was read (added: themes come from a different section than the agenda).</summary>
    public SourceRef? Source { get; init; }
}

/// <summary>A room held for a block of time; sessions inside the block take place there.</summary>
public sealed record RoomBooking
{
    public required DateOnly Date { get; init; }
    public required TimeOnly Start { get; init; }
    public required TimeOnly End { get; init; }
    public required string Room { get; init; }
    public string? Building { get; init; }
    public required SourceRef Source { get; init; }
}

public enum SessionKind { Session, Break, Meal, Registration, Opening, Briefing }

public enum SessionStatus { Confirmed, ToBeConfirmed }

public sealed record Session
{
    public required string Id { get; init; }
    public required int Day { get; init; }
    public required TimeOnly Start { get; init; }
    public required TimeOnly End { get; init; }
    public required string Title { get; init; }
    public string? Subtitle { get; init; }
    public required SessionKind Kind { get; init; }
    public SessionStatus Status { get; init; } = SessionStatus.Confirmed;
    /// <summary>Short names people use for the session ("migration costs", "inclusive cities").</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>Set when the document names a place for this session itself; otherwise the room booking covering it applies.</summary>
    public string? Location { get; init; }
    public IReadOnlyList<SessionRole> Chairs { get; init; } = [];
    public IReadOnlyList<Speaker> Speakers { get; init; } = [];
    /// <summary>Organisations that run the session without named speakers (e.g. "UNITAR facilitation").</summary>
    public IReadOnlyList<string> FacilitatedBy { get; init; } = [];
    public IReadOnlyList<int> SdgGoals { get; init; } = [];
    public IReadOnlyList<string> SdgTargets { get; init; } = [];
    public string? Description { get; init; }
    /// <summary>Where the description was read, when not in the session's own source (added: the concept note describes
    /// the UNITAR session and the lunch briefing in "3. Organization", away from the agenda).</summary>
    public SourceRef? DescriptionSource { get; init; }
    /// <summary>Working group ids (knowledge/working-groups.yaml) that organise the session jointly with the meeting
    /// (added: the concept note says the Day 2 mainstreaming session is jointly organised with a GMG working group).</summary>
    public IReadOnlyList<string> JointlyOrganisedWith { get; init; } = [];
    public required SourceRef Source { get; init; }
}

public enum ChairRole { Chair, CoChair, Presenter }

public sealed record SessionRole
{
    public required string Person { get; init; }
    public required ChairRole Role { get; init; }
    /// <summary>The title as printed for this session, when it differs from the person's own record.</summary>
    public string? Title { get; init; }
}

public sealed record Speaker
{
    public required string Person { get; init; }
    /// <summary>The name exactly as printed in this session when it differs from the person's canonical name
    /// (added: the concept note prints one speaker as "Manuel Imsom" in one session and "Manuel Imson" in another).</summary>
    public string? PrintedName { get; init; }
    /// <summary>The title/affiliation as printed in this session, when it differs from the person's record.</summary>
    public string? Title { get; init; }
    /// <summary>Organisation id (knowledge/organisations.yaml) the speaker represents in this session, when printed.</summary>
    public string? Organisation { get; init; }
    /// <summary>The speaker's subject, the bracketed text in the agenda.</summary>
    public string? Topic { get; init; }
    public bool Remote { get; init; }
}

public sealed record Person
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Every spelling a document uses, each with where it appears; two spellings are a discrepancy the bot reports.</summary>
    public IReadOnlyList<NameVariant> Spellings { get; init; } = [];
    public string? Title { get; init; }
    /// <summary>Organisation id (knowledge/organisations.yaml).</summary>
    public string? Organisation { get; init; }
    public string? Notes { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record NameVariant
{
    public required string Name { get; init; }
    /// <summary>Where in the section the name appears, e.g. "speaker, Reducing migration costs" (added: two spellings
    /// can share one section, and only this tells them apart).</summary>
    public string? Context { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record Organisation
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Acronyms { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public bool GmgMember { get; init; }
    /// <summary>The passage that says or shows the organisation is a GMG member (added: membership is never listed
    /// in one place; it is read from chairmanships, working-group leads and the concept note).</summary>
    public SourceRef? GmgMemberSource { get; init; }
    /// <summary>What the documents say about the organisation beyond its name, or how its name is printed (added).</summary>
    public string? Notes { get; init; }
    /// <summary>What kind of body it is (un-system, employers, workers, civil-society, government, academia…), as the documents describe it (added).</summary>
    public string? Sector { get; init; }
    /// <summary>Where it, or the office the documents name, is based (added).</summary>
    public string? Based { get; init; }
    public required SourceRef Source { get; init; }
}

public enum GroupKind { WorkingGroup, TaskForce }

public enum LeadRole { CoChair, CoConvener }

public sealed record WorkingGroup
{
    public required string Id { get; init; }
    public required GroupKind Kind { get; init; }
    public required string Name { get; init; }
    /// <summary>Every name a document gives the group, each with its source; differing names are reported as such.</summary>
    public IReadOnlyList<NameVariant> Names { get; init; } = [];
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required LeadRole LeadRole { get; init; }
    /// <summary>Organisation ids of the co-chairs or co-conveners.</summary>
    public required IReadOnlyList<string> Leads { get; init; }
    public required SourceRef LeadsSource { get; init; }
    /// <summary>Every passage that names the leads, as printed (added: documents list the leads differently, and
    /// each statement is cited; Leads and LeadsSource repeat one of these).</summary>
    public IReadOnlyList<LeadClaim> LeadClaims { get; init; } = [];
    public IReadOnlyList<Responsibility> Responsibilities { get; init; } = [];
    public required SourceRef Source { get; init; }
}

/// <summary>One document's statement of who leads a working group or task force.</summary>
public sealed record LeadClaim
{
    public required LeadRole LeadRole { get; init; }
    /// <summary>Organisation ids in the order the document gives them.</summary>
    public required IReadOnlyList<string> Leads { get; init; }
    /// <summary>The words as printed, e.g. "co-Chaired by UNDP and IOM".</summary>
    public required string Printed { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record Responsibility
{
    public required string Text { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record SdgGoal
{
    public required int Number { get; init; }
    /// <summary>The goal's wording as the documents give it (null when they only cite the number).</summary>
    public string? Text { get; init; }
    /// <summary>True when the document quotes the goal, false when it paraphrases it (added, as for targets).</summary>
    public bool Verbatim { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record SdgTarget
{
    /// <summary>"8.8", "10.c".</summary>
    public required string Id { get; init; }
    public required int Goal { get; init; }
    /// <summary>The target as the documents word it; null when they only cite its number.</summary>
    public string? Text { get; init; }
    /// <summary>True when the document quotes the target verbatim, false when it paraphrases it.</summary>
    public bool Verbatim { get; init; }
    public required SourceRef Source { get; init; }
    /// <summary>Other documents' wordings of the same target (added: the ILO report words 10.7 differently from the concept note).</summary>
    public IReadOnlyList<TargetWording> OtherWordings { get; init; } = [];
}

public sealed record TargetWording
{
    public required string Text { get; init; }
    public bool Verbatim { get; init; }
    public required SourceRef Source { get; init; }
}

public sealed record SdgCatalogue
{
    public IReadOnlyList<SdgGoal> Goals { get; init; } = [];
    public IReadOnlyList<SdgTarget> Targets { get; init; } = [];
}

/// <summary>Another dated event a document mentions (meetings, launches, decisions).</summary>
public sealed record DatedEvent
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    /// <summary>The date as the document writes it ("4-8 November 2013").</summary>
    public required string When { get; init; }
    public DateOnly? StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public string? Place { get; init; }
    public string? Description { get; init; }
    public required SourceRef Source { get; init; }
}

/// <summary>
/// A statement about the GMG or its work, possibly made differently by different documents
/// (a count that changed, a body named two ways). Claims that differ are a discrepancy, marked by <see cref="Discrepancy"/>.
/// </summary>
public sealed record Fact
{
    public required string Id { get; init; }
    public required string Topic { get; init; }
    /// <summary>Words and phrases a question about this fact would use.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public required IReadOnlyList<Claim> Claims { get; init; }
    /// <summary>Why the claims differ, when the documents allow saying so.</summary>
    public string? Note { get; init; }
    /// <summary>True when the claims disagree (a count, a name, a time), so an answer must say so and cite each; false when
    /// several claims only complement one another (added: most multi-claim facts are not discrepancies).</summary>
    public bool Discrepancy { get; init; }
}

public sealed record Claim
{
    public required string Statement { get; init; }
    public required SourceRef Source { get; init; }
}

/// <summary>An abbreviation or term the documents use (HLD, OWG, UNDAF), for understanding questions and explaining terms.</summary>
public sealed record Term
{
    public required string Abbreviation { get; init; }
    public required string Expansion { get; init; }
    /// <summary>False when the documents use the abbreviation without spelling it out, so the expansion is the
    /// standard one rather than a quotation (added: e.g. TBC, VC, UNICEF).</summary>
    public bool ExpansionInDocument { get; init; } = true;
    public string? Note { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required SourceRef Source { get; init; }
}

/// <summary>A source document as cleaned Markdown, with its front matter.</summary>
public sealed record SourceDocument
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string ShortTitle { get; init; }
    public required string IssuingBody { get; init; }
    public required string Date { get; init; }
    public required string OriginalFile { get; init; }
    /// <summary>What cleaning the converted text changed (added, from the front matter).</summary>
    public string? Notes { get; init; }
    /// <summary>What people call the document ("the concept note", "the GB paper"); a question naming it is answered from it.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public required IReadOnlyList<DocumentSection> Sections { get; init; }
}

/// <summary>A section of a document: its heading path ("Background", "4. Preliminary Agenda › Day 1") and its text.</summary>
public sealed record DocumentSection
{
    public required string Heading { get; init; }
    public required string Text { get; init; }
}

/// <summary>Everything the bot knows, loaded and validated as one unit.</summary>
public sealed record KnowledgeBase
{
    public required EventInfo Event { get; init; }
    public required IReadOnlyList<Session> Sessions { get; init; }
    public required IReadOnlyList<Person> People { get; init; }
    public required IReadOnlyList<Organisation> Organisations { get; init; }
    public required IReadOnlyList<WorkingGroup> WorkingGroups { get; init; }
    public required SdgCatalogue Sdg { get; init; }
    public required IReadOnlyList<DatedEvent> Events { get; init; }
    public required IReadOnlyList<Fact> Facts { get; init; }
    public required IReadOnlyList<Term> Glossary { get; init; }
    public required IReadOnlyList<SourceDocument> Documents { get; init; }
    /// <summary>Hash of every source file, so the search index is rebuilt only when the knowledge changed.</summary>
    public required string ContentHash { get; init; }
}
