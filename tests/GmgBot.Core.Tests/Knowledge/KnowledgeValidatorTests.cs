using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Tests.Knowledge;

/// <summary>Each test breaks one thing in a copy of the shipped knowledge and checks the validator names it precisely.</summary>
public sealed class KnowledgeValidatorTests
{
    private static async Task<IReadOnlyList<KnowledgeError>> ErrorsAfter(Action<TemporaryKnowledge> breakIt)
    {
        using var copy = KnowledgeFolder.Copy();
        breakIt(copy);
        return await new KnowledgeValidator().ValidateDirectoryAsync(copy.Directory);
    }

    private static KnowledgeError Single(IReadOnlyList<KnowledgeError> errors)
    {
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        return errors[0];
    }

    [Fact]
    public async Task Unknown_person_in_a_session_is_reported_with_file_and_session()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "person: jyoti-sanghera", "person: jyoti-sangera")));

        Assert.Equal("sessions.yaml", error.File);
        Assert.Equal("d1-inclusive-cities", error.Record);
        Assert.Contains("'jyoti-sangera' is not an id in people.yaml", error.Message);
    }

    [Fact]
    public async Task Unknown_organisation_of_a_working_group_lead_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("working-groups.yaml", "leads: [unitar, iom]\n", "leads: [unitar, undesa]\n"));

        Assert.All(errors, e => Assert.Equal(("working-groups.yaml", "tf-capacity-development"), (e.File, e.Record)));
        Assert.Contains(errors, e => e.Message.Contains("lead 'undesa' is not an id in organisations.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_sdg_target_in_a_session_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("sessions.yaml", "sdgTargets: [\"16.9\", \"16.2\"]", "sdgTargets: [\"16.9\", \"16.3\"]"));

        var error = Single(errors);
        Assert.Equal("d1-inclusive-cities", error.Record);
        Assert.Contains("SDG target '16.3'", error.Message);
    }

    [Fact]
    public async Task Target_of_a_goal_the_session_does_not_list_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("sessions.yaml", "sdgGoals: [16]", "sdgGoals: [10]"));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("d1-inclusive-cities", e.Record));
        Assert.Contains(errors, e => e.Message.Contains("SDG target 16.9 belongs to goal 16", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("SDG target 16.2 belongs to goal 16", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_without_a_source_is_reported_by_the_schema()
    {
        var error = Single(await ErrorsAfter(k => k.Replace(
            "glossary.yaml",
            "- {abbreviation: LMIS, expansion: labour market information systems, source: {document: gb-319-pol-2, section: \"Suggested way forward\"}}",
            "- {abbreviation: LMIS, expansion: labour market information systems}")));

        Assert.Equal("glossary.yaml", error.File);
        Assert.Equal("LMIS", error.Record);
        Assert.Contains("required property 'source' is missing", error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public async Task Fact_claim_without_a_source_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace(
            "facts.yaml",
            "      source: {document: gb-319-pol-2, section: \"Draft decision\"}\n",
            "")));

        Assert.Equal("facts.yaml", error.File);
        Assert.Equal("gb-draft-decision", error.Record);
        Assert.Contains("'source'", error.Message);
    }

    [Fact]
    public async Task Overlapping_sessions_on_one_day_are_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "start: \"10:30\"\n  end: \"10:45\"", "start: \"10:30\"\n  end: \"11:00\"")));

        Assert.Equal("sessions.yaml", error.File);
        Assert.Equal("d1-migration-costs", error.Record);
        Assert.Contains("overlaps session 'd1-coffee-morning'", error.Message);
    }

    [Fact]
    public async Task Long_session_overlapping_a_later_one_is_reported_even_when_not_adjacent()
    {
        // The recap now runs into both later morning items; the check must not compare neighbours only.
        var errors = await ErrorsAfter(k => k.Replace("sessions.yaml", "start: \"09:00\"\n  end: \"09:30\"", "start: \"09:00\"\n  end: \"12:30\""));

        Assert.Contains(errors, e => e.Record == "d2-mainstreaming" && e.Message.Contains("'d2-recap'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Record == "d2-concluding" && e.Message.Contains("'d2-recap'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_ending_before_it_starts_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("sessions.yaml", "start: \"13:00\"\n  end: \"14:00\"", "start: \"14:00\"\n  end: \"13:00\""));

        Assert.Contains(errors, e => e.Record == "d2-lunch-briefing" && e.Message.Contains("not before it ends", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_on_a_day_the_event_does_not_have_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "- id: d2-lunch-briefing\n  day: 2", "- id: d2-lunch-briefing\n  day: 3")));

        Assert.Equal("d2-lunch-briefing", error.Record);
        Assert.Contains("day 3 is not one of the event's days", error.Message);
    }

    [Fact]
    public async Task Source_citing_a_section_the_document_lacks_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace(
            "events.yaml",
            "the incoming Chair for 2015.\n  source: {document: ilo-chair-report, section: \"IV. Handover to the World Bank and proposed issues to be carried forward\"}",
            "the incoming Chair for 2015.\n  source: {document: ilo-chair-report, section: \"IV. Handover to the World Bank\"}")));

        Assert.Equal("events.yaml", error.File);
        Assert.Equal("handover-2014-12-16", error.Record);
        Assert.Contains("has no section 'IV. Handover to the World Bank'", error.Message);
    }

    [Fact]
    public async Task Source_citing_an_unknown_document_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("event.yaml", "source: {document: concept-note, section: \"2. Objectives\"}", "source: {document: concept-notes, section: \"2. Objectives\"}")));

        Assert.Equal("event.yaml", error.File);
        Assert.Equal("gmg-twlm-2014", error.Record);
        Assert.Contains("unknown document 'concept-notes'", error.Message);
    }

    [Fact]
    public async Task Section_renamed_in_a_document_breaks_every_citation_of_it()
    {
        var errors = await ErrorsAfter(k => k.Replace("documents/concept-note.md", "# 2. Objectives", "# 2. Aims"));

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Contains("no section '2. Objectives'", e.Message));
        Assert.Contains(errors, e => e.File == "event.yaml");
        Assert.Contains(errors, e => e.File == "facts.yaml" && e.Record == "twlm-funding");
    }

    [Fact]
    public async Task Schema_violation_is_reported_with_its_line()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "start: \"08:45\"", "start: \"8.45\"")));

        Assert.Equal("sessions.yaml", error.File);
        Assert.Equal("d1-welcome", error.Record);
        Assert.Contains("'8.45' does not have the expected form", error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public async Task Unknown_enum_value_is_reported_by_the_schema()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("working-groups.yaml", "kind: task-force\n  name: Task Force on Capacity Development", "kind: taskforce\n  name: Task Force on Capacity Development")));

        Assert.Equal("tf-capacity-development", error.Record);
        Assert.Contains("'taskforce' is not one of", error.Message);
    }

    [Fact]
    public async Task Misspelt_property_is_reported_by_the_schema()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "  location: Delegates'", "  locaton: Delegates'")));

        Assert.Equal("d2-lunch-briefing", error.Record);
        Assert.Contains("property 'locaton' is not allowed", error.Message);
    }

    [Fact]
    public async Task Spelling_not_printed_in_the_cited_section_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("people.yaml", "{name: Manuel Imsom,", "{name: Manuel Imsomm,"));

        Assert.Contains(errors, e => e is { File: "people.yaml", Record: "manuel-imson" } && e.Message.Contains("'Manuel Imsomm' is not printed in concept-note", StringComparison.Ordinal));
        // The decent work session prints "Manuel Imsom", which is now no spelling of the person: said too.
        Assert.Contains(errors, e => e is { File: "sessions.yaml", Record: "d1-decent-work" } && e.Message.Contains("not among the spellings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verbatim_target_text_that_differs_from_the_document_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sdg.yaml", "Protect labour rights and promote safe", "Protect labor rights and promote safe")));

        Assert.Equal("8.8", error.Record);
        Assert.Contains("verbatim text", error.Message);
    }

    [Fact]
    public async Task Speaker_printed_name_must_be_printed_and_be_one_of_the_persons_spellings()
    {
        var errors = await ErrorsAfter(k => k.Replace("sessions.yaml", "printedName: Manuel Imson", "printedName: Manuel Imzon"));

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal("d1-migration-costs", e.Record));
        Assert.Contains(errors, e => e.Message.Contains("'Manuel Imzon' is not printed", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("not among the spellings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lead_claims_that_do_not_match_the_leads_are_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("working-groups.yaml", "  leads: [undp, iom]\n  leadsSource", "  leads: [iom, undp]\n  leadsSource")));

        Assert.Equal("wg-mainstreaming", error.Record);
        Assert.Contains("must repeat one of the leadClaims", error.Message);
    }

    [Fact]
    public async Task Duplicate_ids_are_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("sessions.yaml", "- id: d1-coffee-afternoon", "- id: d1-coffee-morning")));

        Assert.Equal("d1-coffee-morning", error.Record);
        Assert.Contains("more than one record", error.Message);
    }

    [Fact]
    public async Task Malformed_yaml_is_reported_with_its_line()
    {
        var error = Single(await ErrorsAfter(k => k.Append("people.yaml", "- id: broken\n  name: [unclosed\n")));

        Assert.Equal("people.yaml", error.File);
        Assert.Contains("not valid YAML", error.Message);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public async Task Duplicate_yaml_key_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("event.yaml", "city: New York\n", "city: New York\ncity: Geneva\n")));

        Assert.Equal("event.yaml", error.File);
        Assert.Contains("Duplicate key", error.Message);
        Assert.Contains("city", error.Message);
    }

    [Fact]
    public async Task Missing_file_is_reported()
    {
        var errors = await ErrorsAfter(k => File.Delete(k.PathOf("glossary.yaml")));

        var error = Single(errors);
        Assert.Equal("glossary.yaml", error.File);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public async Task Document_whose_id_differs_from_its_file_name_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Replace("documents/roundtable-1.md", "id: roundtable-1", "id: roundtable-one"));

        Assert.Contains(errors, e => e.File == "documents/roundtable-1.md" && e.Message.Contains("must match the file name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Document_front_matter_missing_a_field_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("documents/gmg-briefing.md", "shortTitle: GMG briefing (February 2014)\n", "")));

        Assert.Equal("documents/gmg-briefing.md", error.File);
        Assert.Contains("'shortTitle' is missing", error.Message);
    }

    [Fact]
    public async Task Document_text_before_the_first_heading_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("documents/roundtable-1.md", "---\n\n# Roundtable 1 on", "---\n\nStray text.\n\n# Roundtable 1 on")));

        Assert.Equal("documents/roundtable-1.md", error.File);
        Assert.Contains("before the first heading", error.Message);
    }

    [Fact]
    public async Task Duplicate_heading_path_in_a_document_is_reported()
    {
        var errors = await ErrorsAfter(k => k.Append("documents/roundtable-1.md", "\n# Roundtable session 1.1: Mainstreaming and coherence in migration and development policies\n\nAgain.\n"));

        Assert.Contains(errors, e => e.File == "documents/roundtable-1.md" && e.Message.Contains("appears 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discrepancy_without_a_note_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("facts.yaml", "- id: twlm-funding\n", "- id: twlm-funding\n  discrepancy: true\n")));

        Assert.Equal(("facts.yaml", "twlm-funding"), (error.File, error.Record));
        Assert.Contains("needs a note", error.Message);
    }

    [Fact]
    public async Task Organisation_marked_member_without_a_passage_is_reported()
    {
        var error = Single(await ErrorsAfter(k => k.Replace("organisations.yaml", "  name: Food and Agriculture Organization\n", "  name: Food and Agriculture Organization\n  gmgMember: true\n")));

        Assert.Equal("fao", error.Record);
        Assert.Contains("gmgMemberSource", error.Message);
    }

    [Fact]
    public async Task Validate_checks_an_in_memory_knowledge_base_too()
    {
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped);
        var broken = knowledge with { Sessions = [.. knowledge.Sessions, knowledge.Sessions[0] with { Id = "extra", Source = null! }] };

        var errors = new KnowledgeValidator().Validate(broken);

        Assert.Contains(errors, e => e.Record == "extra" && e.Message.Contains("no source", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Record == "extra" && e.Message.Contains("overlaps", StringComparison.Ordinal));
    }
}
