using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Tests.Knowledge;

public sealed class KnowledgeLoaderTests
{
    [Fact]
    public async Task Loader_throws_one_exception_listing_every_error()
    {
        using var copy = KnowledgeFolder.Copy();
        copy.Replace("sessions.yaml", "person: jyoti-sanghera", "person: nobody");
        copy.Replace("people.yaml", "organisation: fao", "organisation: nowhere");

        var e = await Assert.ThrowsAsync<KnowledgeValidationException>(() => new KnowledgeLoader().LoadAsync(copy.Directory));

        Assert.Equal(copy.Directory, e.Directory);
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("sessions.yaml [d1-inclusive-cities]: chair 'nobody' is not an id in people.yaml", e.Message);
        Assert.Contains("people.yaml [elisenda-estruch]: organisation 'nowhere' is not an id in organisations.yaml", e.Message);
    }

    [Fact]
    public async Task Schema_errors_in_several_files_are_reported_together_before_reference_checks()
    {
        using var copy = KnowledgeFolder.Copy();
        copy.Replace("sessions.yaml", "start: \"08:45\"", "start: \"8.45\"");
        copy.Replace("people.yaml", "  name: Jill Helke\n", "  nam: Jill Helke\n");

        var e = await Assert.ThrowsAsync<KnowledgeValidationException>(() => new KnowledgeLoader().LoadAsync(copy.Directory));

        Assert.Contains(e.Errors, x => x.File == "sessions.yaml" && x.Record == "d1-welcome" && x.Line is not null);
        Assert.Contains(e.Errors, x => x.File == "people.yaml" && x.Record == "jill-helke" && x.Message.Contains("'name' is missing", StringComparison.Ordinal));
        Assert.Contains("sessions.yaml:", e.Message);
    }

    [Fact]
    public async Task Missing_folder_is_a_clear_error_not_a_crash()
    {
        var missing = Path.Combine(Path.GetTempPath(), "gmgbot-no-such-knowledge-" + Guid.NewGuid().ToString("N"));

        var result = await new KnowledgeLoader().TryLoadAsync(missing);

        Assert.False(result.IsValid);
        Assert.Null(result.Knowledge);
        Assert.Contains("does not exist", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Loader_reads_the_folder_it_is_given()
    {
        using var copy = KnowledgeFolder.Copy();
        copy.Replace("event.yaml", "venue: General Assembly Building", "venue: Trusteeship Council Chamber");

        var knowledge = await new KnowledgeLoader().LoadAsync(copy.Directory);

        Assert.Equal("Trusteeship Council Chamber", knowledge.Event.Venue);
    }

    [Fact]
    public async Task Content_hash_is_stable_and_changes_when_any_knowledge_file_changes()
    {
        using var copy = KnowledgeFolder.Copy();
        var loader = new KnowledgeLoader();
        var shipped = (await loader.LoadAsync(KnowledgeFolder.Shipped)).ContentHash;

        Assert.Equal(shipped, (await loader.LoadAsync(copy.Directory)).ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", shipped);

        copy.Replace("documents/roundtable-1.md", "These are closely linked as you will see.", "These are closely linked, as you will see.");
        var afterDocument = (await loader.LoadAsync(copy.Directory)).ContentHash;
        Assert.NotEqual(shipped, afterDocument);

        copy.Replace("glossary.yaml", "expansion: labour market information systems", "expansion: labour market information system(s)");
        Assert.NotEqual(afterDocument, (await loader.LoadAsync(copy.Directory)).ContentHash);
    }

    [Fact]
    public async Task Files_the_loader_does_not_read_do_not_change_the_hash()
    {
        using var copy = KnowledgeFolder.Copy();
        var loader = new KnowledgeLoader();
        var before = (await loader.LoadAsync(copy.Directory)).ContentHash;

        File.WriteAllText(copy.PathOf("notes.txt"), "an organizer's scratch file");

        Assert.Equal(before, (await loader.LoadAsync(copy.Directory)).ContentHash);
    }

    [Fact]
    public async Task Documents_are_split_into_sections_by_heading_path()
    {
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped);
        var concept = knowledge.Documents.Single(d => d.Id == "concept-note");
        var roundtable = knowledge.Documents.Single(d => d.Id == "roundtable-1");

        Assert.Equal(
            ["Concept Note", "Background", "2. Objectives", "3. Organization", "4. Preliminary Agenda", "4. Preliminary Agenda › Day 1", "4. Preliminary Agenda › Day 2"],
            concept.Sections.Select(s => s.Heading));
        Assert.Contains(roundtable.Sections, s => s.Heading == "Roundtable session 1.1: Mainstreaming and coherence in migration and development policies › Recommendations");
        Assert.Contains(roundtable.Sections, s => s.Heading == "Roundtable session 1.2: Inclusion of migration in the post-2015 development agenda › Recommendations");
        Assert.Equal("Concept note", concept.ShortTitle);
        Assert.Equal("000_00fcbcb65b7f2833.txt", concept.OriginalFile);
    }

    [Fact]
    public async Task Section_text_is_plain_text_without_markup()
    {
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped);
        var day1 = knowledge.Documents.Single(d => d.Id == "concept-note").Sections.Single(s => s.Heading == "4. Preliminary Agenda › Day 1").Text;

        Assert.StartsWith("8.00-08.45 Registration and coffee", day1);
        Assert.Contains("Gregory Maniatis, Advisor to the United Nations Special Representative for Migration and Development (via VC)", day1);
        Assert.DoesNotContain("*", day1);
    }

    [Fact]
    public async Task Footnotes_stay_with_the_section_that_refers_to_them()
    {
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped);
        var gb = knowledge.Documents.Single(d => d.Id == "gb-319-pol-2");

        var introduction = gb.Sections.Single(s => s.Heading == "Introduction").Text;
        Assert.Contains("during its 68th Session.[1] It was organized", introduction);
        Assert.Contains("[1] See http://www.un.org/en/ga/68/meetings/migration/. The first High-level Dialogue also took place in New York in September 2006.", introduction);
        var keyOutcome = gb.Sections.Single(s => s.Heading == "Key outcome of the HLD and implications for the ILO").Text;
        Assert.Contains("[15] This was an issue raised and decided by the principals on 3 July 2013.", keyOutcome);
        Assert.Equal("II. Key accomplishments", knowledge.Documents.Single(d => d.Id == "ilo-chair-report").Sections[1].Heading);
    }

    [Fact]
    public async Task Tables_keep_their_rows()
    {
        var knowledge = await new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped);
        var convergence = knowledge.Documents.Single(d => d.Id == "gmg-briefing").Sections.Single(s => s.Heading == "Multi-Stakeholder Convergence").Text;

        Assert.Contains("2. Reduce the costs of labour migration | ✓ | ✓ | ✓ | ✓", convergence);
    }
}
