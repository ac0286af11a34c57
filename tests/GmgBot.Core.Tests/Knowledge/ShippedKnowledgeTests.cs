using System.Text.RegularExpressions;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Tests.Knowledge;

/// <summary>The shipped knowledge validates, and spot checks agree with the documents themselves.</summary>
public sealed partial class ShippedKnowledgeTests
{
    private static readonly Lazy<Task<KnowledgeBase>> Shipped = new(() => new KnowledgeLoader().LoadAsync(KnowledgeFolder.Shipped));

    private static Task<KnowledgeBase> Knowledge() => Shipped.Value;

    private static async Task<Session> SessionAsync(string id) => (await Knowledge()).Sessions.Single(s => s.Id == id);

    [Fact]
    public async Task Shipped_knowledge_loads_and_validates_with_no_error()
    {
        var result = await new KnowledgeLoader().TryLoadAsync(KnowledgeFolder.Shipped);

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Event_is_the_two_day_New_York_meeting_with_its_four_room_bookings()
    {
        var e = (await Knowledge()).Event;

        Assert.Equal("America/New_York", e.TimeZone);
        Assert.NotNull(TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone));
        Assert.Equal([new DateOnly(2014, 10, 16), new DateOnly(2014, 10, 17)], e.Days.Select(d => d.Date));
        Assert.Equal("preliminary", e.AgendaStatus);
        Assert.Equal(
            [
                "2014-10-16 10:00-13:00 Conference Room 6",
                "2014-10-16 15:00-18:00 Conference Room E",
                "2014-10-17 10:00-13:00 Conference Room E",
                "2014-10-17 15:00-18:00 Conference Room 6",
            ],
            e.RoomBookings.Select(b => $"{b.Date:yyyy-MM-dd} {b.Start:HH\\:mm}-{b.End:HH\\:mm} {b.Room}"));
        Assert.All(e.RoomBookings, b => Assert.Equal("General Assembly Building", b.Building));
    }

    [Theory]
    [InlineData("d1-registration", 1, "08:00", "08:45", SessionKind.Registration)]
    [InlineData("d1-welcome", 1, "08:45", "09:00", SessionKind.Opening)]
    [InlineData("d1-decent-work", 1, "09:00", "10:30", SessionKind.Session)]
    [InlineData("d1-coffee-morning", 1, "10:30", "10:45", SessionKind.Break)]
    [InlineData("d1-migration-costs", 1, "10:45", "12:15", SessionKind.Session)]
    [InlineData("d1-lunch", 1, "12:15", "14:00", SessionKind.Meal)]
    [InlineData("d1-inclusive-cities", 1, "14:00", "15:30", SessionKind.Session)]
    [InlineData("d1-coffee-afternoon", 1, "15:30", "15:45", SessionKind.Break)]
    [InlineData("d1-vcop-launch", 1, "15:45", "17:30", SessionKind.Session)]
    [InlineData("d2-recap", 2, "09:00", "09:30", SessionKind.Session)]
    [InlineData("d2-mainstreaming", 2, "09:30", "12:00", SessionKind.Session)]
    [InlineData("d2-concluding", 2, "12:00", "12:45", SessionKind.Session)]
    [InlineData("d2-lunch-briefing", 2, "13:00", "14:00", SessionKind.Briefing)]
    public async Task Session_has_the_agendas_day_times_and_kind(string id, int day, string start, string end, SessionKind kind)
    {
        var session = await SessionAsync(id);

        Assert.Equal((day, TimeOnly.Parse(start), TimeOnly.Parse(end), kind), (session.Day, session.Start, session.End, session.Kind));
    }

    [Fact]
    public async Task Every_timed_line_of_the_agenda_is_a_session_with_those_times()
    {
        var knowledge = await Knowledge();
        var concept = knowledge.Documents.Single(d => d.Id == "concept-note");
        var printed = new List<(int Day, TimeOnly Start, TimeOnly End, string Title)>();
        foreach (var (day, heading) in new[] { (1, "4. Preliminary Agenda › Day 1"), (2, "4. Preliminary Agenda › Day 2") })
        {
            foreach (Match m in AgendaLine().Matches(concept.Sections.Single(s => s.Heading == heading).Text))
            {
                printed.Add((day, Time(m.Groups["sh"], m.Groups["sm"]), Time(m.Groups["eh"], m.Groups["em"]), m.Groups["title"].Value));
            }
        }

        Assert.Equal(13, printed.Count);
        Assert.Equal(printed.Count, knowledge.Sessions.Count);
        foreach (var line in printed)
        {
            var session = Assert.Single(knowledge.Sessions, s => s.Day == line.Day && s.Start == line.Start && s.End == line.End);
            Assert.StartsWith(session.Title, line.Title, StringComparison.Ordinal);
        }

        static TimeOnly Time(Group hour, Group minute) => new(int.Parse(hour.Value), int.Parse(minute.Value));
    }

    [Fact]
    public async Task Welcome_has_three_speakers_and_Gregory_Maniatis_joins_by_video()
    {
        var welcome = await SessionAsync("d1-welcome");

        Assert.Equal(["michelle-leighton", "gregory-maniatis", "pietro-mona"], welcome.Speakers.Select(s => s.Person));
        Assert.Equal(["gregory-maniatis"], welcome.Speakers.Where(s => s.Remote).Select(s => s.Person));
    }

    [Fact]
    public async Task Only_the_speakers_printed_via_VC_are_remote()
    {
        var remote = (await Knowledge()).Sessions.SelectMany(s => s.Speakers.Where(x => x.Remote).Select(x => $"{s.Id}:{x.Person}"));

        Assert.Equal(["d1-welcome:gregory-maniatis", "d2-mainstreaming:elisenda-estruch"], remote);
    }

    [Theory]
    [InlineData("d1-decent-work", "michelle-leighton", ChairRole.Chair)]
    [InlineData("d1-migration-costs", "bela-hovy", ChairRole.CoChair)]
    [InlineData("d1-inclusive-cities", "jyoti-sanghera", ChairRole.Chair)]
    [InlineData("d2-mainstreaming", "jill-helke,sara-rosengaertner", ChairRole.CoChair)]
    public async Task Chairs_are_as_printed(string id, string people, ChairRole role)
    {
        var session = await SessionAsync(id);

        Assert.Equal(people.Split(','), session.Chairs.Select(c => c.Person));
        Assert.All(session.Chairs, c => Assert.Equal(role, c.Role));
    }

    [Theory]
    [InlineData("d1-decent-work", "manuel-imson:First labour migration statistics database in ASEAN", "mthunzi-mdwaba:Social dialogue and regional integration in the South African Development Community (SADC)", "joel-odigie:Social dialogue and regional integration", "manuel-lapao:extending social protection to migrants from/within the CPLC")]
    [InlineData("d1-migration-costs", "manuel-orozco:", "manuel-imson:", "miguel-peromingo:")]
    [InlineData("d1-inclusive-cities", "william-gois:", "lala-arabian:Insan School Project", "colleen-thouez:work with municipalities", "nisha-agarwal:Municipal ID Card")]
    [InlineData("d2-mainstreaming", "pietro-mona:", "elisenda-estruch:Decent Work Country Programmes and Human Mobility", "ivan-martin:mainstreaming migration data in labour market information systems", "easton-williams:")]
    public async Task Speakers_and_their_bracketed_topics_are_as_printed(string id, params string[] speakers)
    {
        var session = await SessionAsync(id);

        Assert.Equal(speakers, session.Speakers.Select(s => $"{s.Person}:{s.Topic}"));
    }

    [Theory]
    [InlineData("d1-decent-work", "8", "8.5,8.8")]
    [InlineData("d1-migration-costs", "10", "10.c,10.7,10.2")]
    [InlineData("d1-inclusive-cities", "16", "16.9,16.2")]
    public async Task Sessions_name_the_sdg_goal_and_targets_the_agenda_gives(string id, string goal, string targets)
    {
        var session = await SessionAsync(id);

        Assert.Equal([int.Parse(goal)], session.SdgGoals);
        Assert.Equal(targets.Split(','), session.SdgTargets);
    }

    [Fact]
    public async Task Concluding_session_is_to_be_confirmed_and_every_other_item_is_not()
    {
        var sessions = (await Knowledge()).Sessions;

        Assert.Equal(["d2-concluding"], sessions.Where(s => s.Status == SessionStatus.ToBeConfirmed).Select(s => s.Id));
    }

    [Fact]
    public async Task Lunch_briefing_is_in_the_Delegates_Dining_Room()
    {
        var briefing = await SessionAsync("d2-lunch-briefing");

        Assert.Equal("Delegates' Dining Room (1-3 East River View)", briefing.Location);
        Assert.Equal("Translating findings into the post-2015 development agenda", briefing.Subtitle);
        Assert.Contains("lunch briefing", briefing.Aliases);
    }

    [Fact]
    public async Task Virtual_community_launch_is_facilitated_by_UNITAR()
    {
        var launch = await SessionAsync("d1-vcop-launch");

        Assert.Equal(["unitar"], launch.FacilitatedBy);
        Assert.Contains("VCoP launch", launch.Aliases);
        Assert.Equal("3. Organization", launch.DescriptionSource?.Section);
    }

    [Theory]
    [InlineData("decent work session", "d1-decent-work")]
    [InlineData("migration costs", "d1-migration-costs")]
    [InlineData("inclusive cities", "d1-inclusive-cities")]
    [InlineData("VCoP launch", "d1-vcop-launch")]
    [InlineData("recap", "d2-recap")]
    [InlineData("mainstreaming session", "d2-mainstreaming")]
    [InlineData("lunch briefing", "d2-lunch-briefing")]
    [InlineData("concluding session", "d2-concluding")]
    public async Task Sessions_answer_to_the_names_people_use(string alias, string id)
    {
        var matches = (await Knowledge()).Sessions.Where(s => s.Aliases.Contains(alias, StringComparer.OrdinalIgnoreCase));

        Assert.Equal([id], matches.Select(s => s.Id));
    }

    [Fact]
    public async Task Manuel_Imson_is_one_person_printed_two_ways()
    {
        var knowledge = await Knowledge();
        var person = knowledge.People.Single(p => p.Id == "manuel-imson");

        Assert.Equal(["Manuel Imsom", "Manuel Imson"], person.Spellings.Select(s => s.Name));
        Assert.Equal("Manuel Imsom", (await SessionAsync("d1-decent-work")).Speakers.Single(s => s.Person == person.Id).PrintedName);
        Assert.Equal("Manuel Imson", (await SessionAsync("d1-migration-costs")).Speakers.Single(s => s.Person == person.Id).PrintedName);
        Assert.Single(knowledge.People, p => p.Spellings.Select(s => s.Name).Distinct().Count() > 1);
    }

    [Fact]
    public async Task Every_name_printed_in_the_agenda_is_a_person()
    {
        var knowledge = await Knowledge();
        var markdown = await File.ReadAllTextAsync(Path.Combine(KnowledgeFolder.Shipped, "documents", "concept-note.md"));
        var spellings = knowledge.People.SelectMany(p => p.Spellings.Select(s => s.Name)).ToHashSet();

        var printed = AgendaName().Matches(markdown).Select(m => m.Groups["name"].Value).Distinct().ToList();

        // 21 printed names for 20 people: Manuel Imsom and Manuel Imson are one speaker.
        Assert.Equal(21, printed.Count);
        Assert.All(printed, name => Assert.Contains(name, spellings));
        Assert.Equal(20, knowledge.People.Count(p => p.Spellings.Any(s => printed.Contains(s.Name))));
    }

    [Theory]
    [InlineData("peter-sutherland", "srsg-office")]
    [InlineData("francois-crepeau", null)]
    [InlineData("ban-ki-moon", "un")]
    [InlineData("jan-eliasson", "un")]
    [InlineData("cecilia-malmstrom", "eu")]
    public async Task People_named_outside_the_agenda_are_recorded(string id, string? organisation)
    {
        var person = (await Knowledge()).People.Single(p => p.Id == id);

        Assert.Equal(organisation, person.Organisation);
        Assert.NotEmpty(person.Spellings);
    }

    [Theory]
    [InlineData("wg-mainstreaming", GroupKind.WorkingGroup, LeadRole.CoChair, "undp,iom")]
    [InlineData("wg-data-research", GroupKind.WorkingGroup, LeadRole.CoChair, "un-desa,iom")]
    [InlineData("wg-human-rights-gender", GroupKind.WorkingGroup, LeadRole.CoChair, "ohchr,un-women,unicef")]
    [InlineData("tf-capacity-development", GroupKind.TaskForce, LeadRole.CoConvener, "unitar,iom")]
    [InlineData("tf-decent-work", GroupKind.TaskForce, LeadRole.CoConvener, "ilo,iom")]
    public async Task Working_groups_and_task_forces_have_the_leads_the_briefing_gives(string id, GroupKind kind, LeadRole role, string leads)
    {
        var group = (await Knowledge()).WorkingGroups.Single(w => w.Id == id);

        Assert.Equal((kind, role), (group.Kind, group.LeadRole));
        Assert.Equal(leads.Split(','), group.Leads);
        Assert.Equal(new SourceRef { Document = "gmg-briefing", Section = "HLD Follow-Up: Ongoing Work" }, group.LeadsSource);
    }

    [Fact]
    public async Task Working_groups_named_differently_keep_every_name_with_its_source()
    {
        var groups = (await Knowledge()).WorkingGroups;
        var mainstreaming = groups.Single(w => w.Id == "wg-mainstreaming");
        var humanRights = groups.Single(w => w.Id == "wg-human-rights-gender");

        Assert.Contains(mainstreaming.Names, n => n is { Name: "WG on Mainstreaming Migration into Development Planning", Source.Document: "gmg-briefing" });
        Assert.Contains(mainstreaming.Names, n => n is { Name: "GMG Working Group on Mainstreaming Migration into National Development Strategies", Source.Document: "ilo-chair-report" });
        Assert.Contains(humanRights.Names, n => n is { Name: "WG on Human Rights, Gender and Migration", Source.Document: "gmg-briefing" });
        Assert.Contains(humanRights.Names, n => n is { Name: "Working Group on Migration, Human Rights and Gender", Source.Document: "ilo-chair-report" });
        Assert.Equal(["gmg-briefing", "concept-note"], mainstreaming.LeadClaims.Select(c => c.Source.Document));
    }

    [Fact]
    public async Task Mainstreaming_working_group_supports_the_eight_countries()
    {
        var group = (await Knowledge()).WorkingGroups.Single(w => w.Id == "wg-mainstreaming");

        var countries = group.Responsibilities.Single(r => r.Text.Contains("eight countries", StringComparison.Ordinal));
        foreach (var country in new[] { "Bangladesh", "Ecuador", "Jamaica", "Kyrgyzstan", "Moldova", "Morocco", "Serbia", "Tunisia" })
        {
            Assert.Contains(country, countries.Text);
        }
        Assert.Equal("Background", countries.Source.Section);
    }

    [Fact]
    public async Task Target_10c_keeps_the_3_and_5_percent_figures()
    {
        var target = (await Knowledge()).Sdg.Targets.Single(t => t.Id == "10.c");

        Assert.Contains("less than 3%", target.Text);
        Assert.Contains("higher than 5% by 2030", target.Text);
        Assert.False(target.Verbatim);
    }

    [Fact]
    public async Task Target_88_is_quoted_and_8_5_has_no_invented_text()
    {
        var targets = (await Knowledge()).Sdg.Targets;

        var decentWork = targets.Single(t => t.Id == "8.8");
        Assert.True(decentWork.Verbatim);
        Assert.StartsWith("Protect labour rights and promote safe and secure working environments of all workers, including migrant workers", decentWork.Text);
        Assert.Null(targets.Single(t => t.Id == "8.5").Text);
    }

    [Fact]
    public async Task Target_10_7_keeps_the_ILO_reports_own_wording()
    {
        var target = (await Knowledge()).Sdg.Targets.Single(t => t.Id == "10.7");

        Assert.Equal("ilo-chair-report", Assert.Single(target.OtherWordings).Source.Document);
    }

    [Fact]
    public async Task Gmg_membership_counts_differ_and_each_is_cited()
    {
        var fact = (await Knowledge()).Facts.Single(f => f.Id == "gmg-membership");

        Assert.Equal(["gmg-briefing", "concept-note", "ilo-chair-report"], fact.Claims.Select(c => c.Source.Document));
        Assert.Contains("16 agencies", fact.Claims[0].Statement);
        Assert.Contains("17 United Nations (UN) agencies and the International Organization for Migration (IOM)", fact.Claims[1].Statement);
        Assert.Contains("18-member constituency", fact.Claims[2].Statement);
        Assert.NotNull(fact.Note);
    }

    [Fact]
    public async Task Only_facts_whose_claims_disagree_are_marked_as_discrepancies()
    {
        var facts = (await Knowledge()).Facts;

        Assert.Equal(
            ["gmg-description", "gmg-membership", "ilo-workplan-objectives", "migration-youth-publication", "room-bookings-vs-agenda"],
            facts.Where(f => f.Discrepancy).Select(f => f.Id).Order(StringComparer.Ordinal));
        Assert.All(facts.Where(f => f.Discrepancy), f => Assert.False(string.IsNullOrWhiteSpace(f.Note)));
    }

    [Fact]
    public async Task Secretary_Generals_agenda_lists_all_eight_points()
    {
        var fact = (await Knowledge()).Facts.Single(f => f.Id == "sg-eight-point-agenda");

        var points = fact.Claims[0].Statement;
        for (var point = 1; point <= 8; point++)
        {
            Assert.Contains($"{point}. ", points);
        }
        Assert.Contains("2. Reduce the costs of labour migration", points);
    }

    [Theory]
    [InlineData("gmg-chair-2014", "ILO")]
    [InlineData("gmg-chair-2015", "World Bank")]
    [InlineData("ilo-chairmanship-theme", "Advancing Strategic Cooperation and Inclusiveness on Migration and Development")]
    [InlineData("twlm-funding", "Swiss Agency for Development and Cooperation (SDC)")]
    [InlineData("gmg-chair-period", "from six to 12 months")]
    [InlineData("ilo-workplan-objectives", "Objective 5: Oversee implementation of the GMG MAWP")]
    public async Task Key_facts_say_what_the_documents_say(string id, string expected)
    {
        var fact = (await Knowledge()).Facts.Single(f => f.Id == id);

        Assert.Contains(fact.Claims, c => c.Statement.Contains(expected, StringComparison.Ordinal));
        Assert.NotEmpty(fact.Keywords);
    }

    [Theory]
    [InlineData("hld-2013", "3-4 October 2013", "2013-10-03", "2013-10-04")]
    [InlineData("tripartite-meeting-2013", "4-8 November 2013", "2013-11-04", "2013-11-08")]
    [InlineData("gb-decision-2012-11-08", "8 November 2012", "2012-11-08", null)]
    [InlineData("hlcp-27th-session-2014", "17-24 March 2014", "2014-03-17", "2014-03-24")]
    [InlineData("ceb-first-regular-session-2014", "8 May 2014", "2014-05-08", null)]
    [InlineData("gfmd-summit-2014", "14-16 May 2014", "2014-05-14", "2014-05-16")]
    [InlineData("principals-meeting-2014-07-08", "8 July 2014", "2014-07-08", null)]
    [InlineData("principals-meeting-2014-11-19", "19 November 2014", "2014-11-19", null)]
    [InlineData("joint-communique-2014", "12 November 2014", "2014-11-12", null)]
    [InlineData("handover-2014-12-16", "16 December 2014", "2014-12-16", null)]
    [InlineData("international-migrants-day-2014", "18 December 2014", "2014-12-18", null)]
    [InlineData("twelfth-coordination-meeting-2014", "20-21 February 2014", "2014-02-20", "2014-02-21")]
    [InlineData("gmg-indicators-retreat-2014", "17 October", "2014-10-17", null)]
    [InlineData("hld-2006", "September 2006", null, null)]
    public async Task Dated_events_keep_the_date_as_written(string id, string when, string? start, string? end)
    {
        var e = (await Knowledge()).Events.Single(x => x.Id == id);

        Assert.Equal(when, e.When);
        Assert.Equal(start is null ? null : DateOnly.Parse(start), e.StartDate);
        Assert.Equal(end is null ? null : DateOnly.Parse(end), e.EndDate);
    }

    [Fact]
    public async Task Every_parenthesised_abbreviation_in_the_documents_is_in_the_glossary()
    {
        var knowledge = await Knowledge();
        var glossary = knowledge.Glossary.SelectMany(t => t.Aliases.Append(t.Abbreviation)).ToHashSet(StringComparer.Ordinal);

        var used = knowledge.Documents
            .SelectMany(d => d.Sections)
            .SelectMany(s => ParenthesisedAbbreviation().Matches(s.Heading + "\n" + s.Text).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, abbreviation => Assert.Contains(abbreviation, glossary));
    }

    [Theory]
    [InlineData("HLD", true)]
    [InlineData("OWG", true)]
    [InlineData("SDGs", true)]
    [InlineData("MDGs", true)]
    [InlineData("SRSG", true)]
    [InlineData("UNDAFs", true)]
    [InlineData("DaO", true)]
    [InlineData("MAWP", true)]
    [InlineData("GFMD", true)]
    [InlineData("CEB", true)]
    [InlineData("HLCP", true)]
    [InlineData("UNGA", false)]
    [InlineData("CSDs", true)]
    [InlineData("LMIS", true)]
    [InlineData("TBC", false)]
    [InlineData("VC", false)]
    [InlineData("RMCS", true)]
    public async Task Glossary_expands_the_abbreviations_and_says_when_the_documents_do_not(string abbreviation, bool expandedInDocument)
    {
        var term = (await Knowledge()).Glossary.Single(t => t.Abbreviation == abbreviation);

        Assert.Equal(expandedInDocument, term.ExpansionInDocument);
        Assert.False(string.IsNullOrWhiteSpace(term.Expansion));
    }

    [Theory]
    [InlineData("ilo", "ILO", true)]
    [InlineData("iom", "IOM", true)]
    [InlineData("un-desa", "UN DESA", true)]
    [InlineData("world-bank", null, true)]
    [InlineData("wmo", "WMO", false)]
    [InlineData("sdc", "SDC", false)]
    public async Task Organisations_carry_acronyms_and_membership_where_a_document_shows_it(string id, string? acronym, bool member)
    {
        var organisation = (await Knowledge()).Organisations.Single(o => o.Id == id);

        if (acronym is not null)
        {
            Assert.Contains(acronym, organisation.Acronyms);
        }
        Assert.Equal(member, organisation.GmgMember);
    }

    [Fact]
    public async Task Every_source_document_is_loaded_with_its_front_matter()
    {
        var documents = (await Knowledge()).Documents;

        Assert.Equal(["concept-note", "gb-319-pol-2", "gmg-briefing", "ilo-chair-report", "roundtable-1"], documents.Select(d => d.Id));
        Assert.All(documents, d => Assert.Matches(@"^00\d_[0-9a-f]{16}\.txt$", d.OriginalFile));
        Assert.Equal(5, documents.Select(d => d.OriginalFile).Distinct().Count());
    }

    [Fact]
    public async Task Quotations_in_claims_responsibilities_and_descriptions_are_printed_in_their_source()
    {
        var knowledge = await Knowledge();
        var sections = knowledge.Documents
            .SelectMany(d => d.Sections.Select(s => (Key: $"{d.Id}|{s.Heading}", Text: Plain(s.Heading + " " + s.Text))))
            .ToDictionary(x => x.Key, x => x.Text);
        var quoted = knowledge.Facts.SelectMany(f => f.Claims.Select(c => (Where: f.Id, c.Statement, c.Source)))
            .Concat(knowledge.WorkingGroups.SelectMany(w => w.Responsibilities.Select(r => (Where: w.Id, Statement: r.Text, r.Source))))
            .Concat(knowledge.Sessions.Where(s => s.Description is not null).Select(s => (Where: s.Id, Statement: s.Description!, Source: s.DescriptionSource ?? s.Source)))
            .Concat(knowledge.Events.Where(e => e.Description is not null).Select(e => (Where: e.Id, Statement: e.Description!, e.Source)));

        var missing = new List<string>();
        var checkedCount = 0;
        foreach (var (where, statement, source) in quoted)
        {
            foreach (Match m in Quotation().Matches(Plain(statement)))
            {
                checkedCount++;
                // An ellipsis or closing punctuation inside the quotation marks is not part of the quoted words.
                var quotation = m.Groups[1].Value.Trim().TrimEnd('.', ',', ';', '…').Trim();
                if (!sections[$"{source.Document}|{source.Section}"].Contains(quotation, StringComparison.OrdinalIgnoreCase))
                {
                    missing.Add($"{where}: \"{quotation}\" is not in {source.Document} › {source.Section}");
                }
            }
        }

        Assert.True(checkedCount > 20, $"only {checkedCount} quotations found");
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));

        // Curly and straight quotes, and line wrapping, must not decide whether a quotation matches.
        static string Plain(string text) => MarkdownSpace().Replace(text.Replace('“', '"').Replace('”', '"'), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex MarkdownSpace();

    [GeneratedRegex("\"([^\"]{12,})\"")]
    private static partial Regex Quotation();

    [GeneratedRegex(@"^(?<sh>\d{1,2})\.(?<sm>\d{2})-(?<eh>\d{1,2})\.(?<em>\d{2}) (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex AgendaLine();

    [GeneratedRegex(@"^\*(?<name>[A-Z][^*]+)\*, ", RegexOptions.Multiline)]
    private static partial Regex AgendaName();

    [GeneratedRegex(@"\(([A-Z][A-Za-z]*[A-Z]s?)\)")]
    private static partial Regex ParenthesisedAbbreviation();
}
