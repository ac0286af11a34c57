using GmgBot.Core.Agenda;
using GmgBot.Core.Search;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>
/// Questions whose answer no single record holds but the records together do, computed rather than searched: who
/// appears more than once, which organisations chair sessions, how many of something, which agency leads the most
/// groups, what two organisations or people share, and people filtered by the kind of body or place they come from.
/// </summary>
internal static class RelationAnswers
{
    public static Answer? TryAnswer(Ask ask) =>
        SharedAppearances(ask)
        ?? RepeatAppearances(ask)
        ?? GroupAnswers.ByLeadCount(ask)
        ?? Count(ask)
        ?? Most(ask)
        ?? Shared(ask)
        ?? PeopleFrom(ask)
        ?? PeopleOf(ask)
        ?? OrganisationsOnTheAgenda(ask);

    // ------------------------------------------------------------------ who appears more than once

    /// <summary>
    /// "Which speaker is in both morning sessions on day 1", "who's in the welcome and also speaks on day 2": the people
    /// two parts of the agenda share, the parts being named sessions or a day and a part of it.
    /// </summary>
    private static Answer? SharedAppearances(Ask ask)
    {
        var q = ask.Question;
        if (!q.Has("both", "also") || q.People.Count > 0 || !(q.AsksWho || q.Has("speaker", "speakers", "people", "anyone", "anybody")))
        {
            return null;
        }
        var k = ask.Knowledge;
        var timeline = k.Timeline;
        var speakersOnly = q.AsksSpeakers && !q.AsksChair && !q.Has("in", "on");
        // Sessions named by their words, whatever day the question names for the other part ("the welcome … on day 2").
        var named = ask.Lexicon.SessionMatcher.Match(q.Terms)
            .Where(m => m.Coverage >= PhraseMatcher<ScheduledSession>.MinCoverage && m.Score >= 0.5)
            .Select(m => m.Item).Distinct()
            .Where(s => !SessionLinks.IsMinor(s) || s.Session.Speakers.Count > 0).ToList();
        if (named.Count == 0)
        {
            named = [.. ask.NamedSessions.Where(s => !SessionLinks.IsMinor(s) || s.Session.Speakers.Count > 0)];
        }
        var dated = q.Day is null && q.Part is null ? []
            : timeline.Sessions.Where(s => SessionLinks.Fits(q, s) && !SessionLinks.IsMinor(s) && !named.Contains(s)).ToList();
        IReadOnlyList<IReadOnlyList<ScheduledSession>> scopes = named.Count >= 1 && dated.Count > 0 ? [named, dated]
            : named.Count >= 2 ? [.. named.Select(s => (IReadOnlyList<ScheduledSession>)[s])]
            : named.Count == 0 && dated.Count >= 2 && q.Has("both") ? [.. dated.Select(s => (IReadOnlyList<ScheduledSession>)[s])]
            : [];
        if (scopes.Count < 2)
        {
            return null;
        }
        IEnumerable<(string Person, string Role, ScheduledSession Session)> PeopleOf(IReadOnlyList<ScheduledSession> scope) => scope.SelectMany(s =>
            s.Session.Speakers.Select(sp => (sp.Person, Role: "speaker", Session: s))
                .Concat(s.Session.Chairs.Select(c => (c.Person, Role: Roles.Of(c.Role).ToLowerInvariant(), Session: s))));
        // With two parts, who is in both; with more ("both morning sessions" when three fall in the morning), who is in two.
        var inEach = scopes.Select(scope => PeopleOf(scope).Select(x => x.Person).ToHashSet()).ToList();
        var shared = inEach.SelectMany(x => x).GroupBy(p => p).Where(g => g.Count() >= 2).Select(g => g.Key).ToHashSet();
        var scopeLabel = (scopes.Count > 2 ? "two of " : "") + Format.List(scopes.Select(scope => scope.Count == 1 ? scope[0].Session.Title : $"the other sessions {(q.Day is { } d ? $"on day {d}" : "then")}"));
        var sessions = scopes.SelectMany(x => x).Distinct().ToList();
        if (shared.Count == 0)
        {
            return ask.Reply("relation.shared", $"No one is named in {(scopes.Count > 2 ? "" : "both ")}{scopeLabel}.", null, sessions.Select(s => s.Session.Source).Distinct());
        }
        var roles = scopes.SelectMany(PeopleOf).Where(x => shared.Contains(x.Person)).ToList();
        var text = $"In {(scopes.Count > 2 ? "" : "both ")}{scopeLabel}: " + Format.List(shared.Select(p =>
            $"{k.PersonName(p)} ({Format.List(roles.Where(r => r.Person == p).Select(r => $"{r.Role} at {r.Session.Session.Title} ({Format.ShortWhen(timeline, r.Session.Session)})").Distinct())})")) + ".";
        return ask.Reply("relation.shared", text, null, roles.Select(r => r.Session.Session.Source).Distinct());
    }

    private static Answer? RepeatAppearances(Ask ask)
    {
        var q = ask.Question;
        var repeated = q.HasPhrase("more than once") || q.HasPhrase("more than one") || q.Has("twice", "again", "repeatedly")
            || new[] { "several", "multiple", "two", "both", "2", "two different" }.Any(n => new[] { "sessions", "slots", "panels", "times", "roles" }.Any(w => q.HasPhrase($"{n} {w}")))
            || (q.HasPhrase("both days") && !q.Has("organisations", "organizations", "agencies", "orgs"));
        if (!repeated || q.People.Count > 0 || !(q.AsksWho || q.Has("people", "speakers", "anyone", "anybody", "names")))
        {
            return null;
        }
        var people = ask.Knowledge.Appearances.Where(g => g.Select(a => a.Session).Distinct().Count() >= 2).ToList();
        if (people.Count == 0)
        {
            return ask.ClockReply("relation.repeat", "No one appears in more than one session of the agenda.", null, [ask.Knowledge.Timeline.Event.Source]);
        }
        var items = people.Select(g => (ask.Knowledge.PersonName(g.Key), (string?)Format.List(g.Select(a => $"{a.Role} at {a.Session.Session.Title} ({Format.ShortWhen(ask.Knowledge.Timeline, a.Session.Session)})")))).ToList();
        var text = $"On the agenda more than once: {Format.List(items.Select(i => $"{i.Item1} ({i.Item2})"))}.";
        var sources = people.SelectMany(g => g.Select(a => a.Session.Session.Source));
        return ask.Reply("relation.repeat", text, ask.Cards.Items("People in more than one session", items, sources), sources);
    }

    // ------------------------------------------------------------------ how many

    private static Answer? Count(Ask ask)
    {
        var q = ask.Question;
        if (!q.AsksCount || Counted(q) is not { } counted)
        {
            return null;
        }
        var timeline = ask.Knowledge.Timeline;
        var k = ask.Knowledge;
        var day = q.Day is { } d && timeline.DayNumbered(d) is { } numbered ? numbered : null;
        var sessions = (day is null ? timeline.Sessions : timeline.OnDay(day.Day)).Where(s => !SessionLinks.IsMinor(s)).ToList();
        var scope = day is null ? "on the agenda" : $"on {Format.Day(day)}";
        var source = new[] { timeline.Event.Source }.Concat(sessions.Select(s => s.Session.Source)).Distinct().ToList();

        var countsGroups = counted is "wgs" or "tfs" or "wg" or "tf" or "groups" or "working" or "task" or "forces";
        if (countsGroups && (q.Has("wgs", "tfs") || (q.AsksGroup && (q.Has("vs", "versus") || (q.Has("working") && q.Has("task"))))))
        {
            var working = k.Knowledge.WorkingGroups.Where(g => g.Kind == GroupKind.WorkingGroup).ToList();
            var forces = k.Knowledge.WorkingGroups.Where(g => g.Kind == GroupKind.TaskForce).ToList();
            var text = $"The GMG has {Number(working.Count)} working groups ({Format.List(working.Select(g => g.Name))}) and {Number(forces.Count)} task forces ({Format.List(forces.Select(g => g.Name))}).";
            return ask.Reply("relation.count", text, ask.Cards.Groups([.. working, .. forces], "GMG working groups and task forces"), k.Knowledge.WorkingGroups.Select(g => g.LeadsSource));
        }
        if (countsGroups && q.People.Count == 0 && q.Organisations.All(ask.Lexicon.NamesGroups))
        {
            var kind = q.Has("force", "forces", "tf") ? GroupKind.TaskForce : q.Has("working", "wg") ? GroupKind.WorkingGroup : (GroupKind?)null;
            var groups = k.Knowledge.WorkingGroups.Where(g => kind is null || g.Kind == kind).ToList();
            var noun = kind switch { GroupKind.TaskForce => "task forces", GroupKind.WorkingGroup => "working groups", _ => "working groups and task forces" };
            return ask.Reply("relation.count", $"The GMG has {Number(groups.Count)} {noun}: {Format.List(groups.Select(g => g.Name))}.",
                ask.Cards.Groups(groups, $"GMG {noun}"), groups.Select(g => g.LeadsSource));
        }
        if (counted is "targets" or "target" or "sdg" && q.Has("target", "targets") && ask.NamedSessions.Count == 0)
        {
            var targets = sessions.SelectMany(s => s.Session.SdgTargets).Distinct().ToList();
            if (targets.Count == 0)
            {
                return null;
            }
            var text = $"{Capitalised(Number(targets.Count))} SDG targets are cited {scope}: {Format.List(targets.Select(t => k.Targets.TryGetValue(t, out var target) && target.Text is { } tt ? $"{t} ({tt})" : t))}.";
            var items = sessions.Where(s => s.Session.SdgTargets.Count > 0).Select(s => (s.Session.Title, (string?)$"{Format.ShortWhen(timeline, s.Session)} · targets {string.Join(", ", s.Session.SdgTargets)}")).ToList();
            return ask.Reply("relation.count", text, ask.Cards.Items($"SDG targets {scope}", items, source), source);
        }
        if ((counted is "speakers" or "speaker" or "panelists" or "presenters" || (counted is "people" or "persons" && q.HasStem("speak", "present")))
            && ask.NamedSessions.Count == 0)
        {
            var speakers = sessions.SelectMany(s => s.Session.Speakers.Select(sp => sp.Person)).Distinct().ToList();
            return ask.Reply("relation.count", $"{Capitalised(Number(speakers.Count))} speakers are named {scope}: {Format.List(speakers.Select(k.PersonName))}.", null, source);
        }
        if (counted is "chairs" or "chair" or "cochairs" or "moderators" && ask.NamedSessions.Count == 0)
        {
            var chairs = sessions.SelectMany(s => s.Session.Chairs.Select(c => c.Person)).Distinct().ToList();
            return ask.Reply("relation.count", $"{Capitalised(Number(chairs.Count))} chairs are named {scope}: {Format.List(chairs.Select(k.PersonName))}.", null, source);
        }
        if (counted is "sessions" or "session" or "panels" or "panel" or "talks")
        {
            var items = sessions.Select(s => (s.Session.Title, (string?)Format.ShortWhen(timeline, s.Session))).ToList();
            return ask.ClockReply("relation.count", $"{Capitalised(Number(sessions.Count))} sessions {scope} (besides breaks and meals): {Format.List(sessions.Select(s => s.Session.Title))}.",
                ask.Cards.Items($"Sessions {scope}", items, source), source);
        }
        // "How many participants came?": the programme names its speakers and chairs, not who attended.
        if (counted is "participants" or "attendees" or "attended" or "attending" or "delegates" or "registrants" or "delegations"
            || (counted is "people" or "persons" && q.Has("attend", "attended", "attending", "came", "come", "participated", "participate", "registered")))
        {
            var named = sessions.SelectMany(s => s.Session.Speakers.Select(sp => sp.Person).Concat(s.Session.Chairs.Select(c => c.Person))).Distinct().Count();
            return ask.Reply("gap.count", $"The number of participants is not given in the documents; the agenda names {Number(named)} speakers and chairs{(day is null ? "" : $" on {Format.Day(day)}")}.", null, source);
        }
        if (counted is "days")
        {
            return ask.ClockReply("relation.count", $"{timeline.Event.Name} runs for {Number(timeline.Days.Count)} days: {Format.List(timeline.Days.Select(Format.Day))}.", null, [timeline.Event.Source]);
        }
        return null;
    }

    /// <summary>What "how many" or "the number of" counts: the first word after it that is not a filler ("different", "total").</summary>
    private static string? Counted(ParsedQuestion q)
    {
        var words = q.Words.ToList();
        var at = words.IndexOf("many") is var many and >= 0 ? many + 1 : words.IndexOf("number") is var number and >= 0 ? number + 2 : -1;
        return at < 0 ? null : words.Skip(at).FirstOrDefault(w => w is not ("different" or "total" or "separate" or "distinct" or "proposed" or "gmg" or "sdg" or "un" or "thematic" or "main" or "plenary" or "parallel"))
            ?? words.Skip(at).FirstOrDefault();
    }

    // ------------------------------------------------------------------ the most

    private static Answer? Most(Ask ask)
    {
        var q = ask.Question;
        if (!q.Has("most"))
        {
            return null;
        }
        var k = ask.Knowledge;
        if (q.AsksGroup || q.Has("wgs", "tfs"))
        {
            var byLead = k.Knowledge.WorkingGroups.SelectMany(g => g.Leads.Select(o => (Lead: o, Group: g))).GroupBy(x => x.Lead)
                .OrderByDescending(g => g.Count()).ToList();
            var top = byLead.TakeWhile(g => g.Count() == byLead[0].Count()).ToList();
            var text = $"{Format.List(top.Select(g => k.OrganisationLabel(g.Key)))} {(top.Count == 1 ? "leads" : "each lead")} the most GMG groups ({byLead[0].Count()}): "
                + string.Join("; ", top.Select(g => $"{k.OrganisationShort(g.Key)}: {Format.List(g.Select(x => x.Group.Name))}")) + ".";
            var items = byLead.Select(g => (k.OrganisationShort(g.Key), (string?)$"{g.Count()}: {Format.List(g.Select(x => x.Group.Name))}")).ToList();
            return ask.Reply("relation.most", text, ask.Cards.Items("Who leads how many groups", items, k.Knowledge.WorkingGroups.Select(g => g.LeadsSource)), k.Knowledge.WorkingGroups.Select(g => g.LeadsSource));
        }
        if (q.AsksWho || q.Has("speaker", "speakers", "person"))
        {
            var byPerson = k.Appearances.OrderByDescending(g => g.Count()).ToList();
            var top = byPerson.TakeWhile(g => g.Count() == byPerson[0].Count()).ToList();
            var text = $"{Format.List(top.Select(g => k.PersonName(g.Key)))} {(top.Count == 1 ? "appears" : "each appear")} most often on the agenda ({Number(byPerson[0].Count())} times): "
                + string.Join("; ", top.Select(g => $"{k.PersonName(g.Key)}: {Format.List(g.Select(a => $"{a.Role} at {a.Session.Session.Title}"))}")) + ".";
            return ask.Reply("relation.most", text, null, top.SelectMany(g => g.Select(a => a.Session.Session.Source)));
        }
        return null;
    }

    // ------------------------------------------------------------------ what two share

    private static Answer? Shared(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        var organisations = q.Organisations.Where(o => !ask.Lexicon.NamesGroups(o)).ToList();
        if (organisations.Count >= 2 && (q.AsksGroup || q.Has("together", "jointly")))
        {
            var (a, b) = (organisations[0], organisations[1]);
            var groups = k.Knowledge.WorkingGroups.Where(g => g.Leads.Contains(a) && g.Leads.Contains(b)).ToList();
            var text = groups.Count == 0
                ? $"According to the documents, {k.OrganisationShort(a)} and {k.OrganisationShort(b)} lead no GMG working group or task force together."
                : $"{k.OrganisationShort(a)} and {k.OrganisationShort(b)} together lead {Format.List(groups.Select(g => g.Name))}.";
            return ask.Reply("relation.shared", text, groups.Count == 0 ? null : ask.Cards.Groups(groups, $"Led by {k.OrganisationShort(a)} and {k.OrganisationShort(b)}"),
                groups.Count == 0 ? k.Knowledge.WorkingGroups.Select(g => g.LeadsSource).Take(1) : groups.Select(g => g.LeadsSource));
        }
        var partners = q.HasPhrase("with whom") || q.HasPhrase("together with") || q.Has("shares", "share", "sharing", "alongside", "partner", "partners", "else")
            || (q.Has("with") && q.AsksWho);
        if (!partners)
        {
            return null;
        }
        if (q.People.Count == 1 && k.People.TryGetValue(q.People[0], out var person))
        {
            var roles = k.Appearances[person.Id].ToList();
            var others = roles.SelectMany(a => (q.AsksChair ? a.Session.Session.Chairs.Select(c => c.Person) : a.Session.Session.Chairs.Select(c => c.Person).Concat(a.Session.Session.Speakers.Select(s => s.Person)))
                    .Where(p => p != person.Id).Select(p => (Person: p, a.Session)))
                .ToList();
            if (roles.Count == 0)
            {
                return null;
            }
            var text = others.Count == 0
                ? $"{person.Name} has no {(q.AsksChair ? "co-chair" : "one beside them")} in {Format.List(roles.Select(a => a.Session.Session.Title).Distinct())}, according to the agenda."
                : $"{person.Name} shares {Format.List(roles.Select(a => a.Session.Session.Title).Distinct())} with {Format.List(others.Select(o => $"{k.PersonName(o.Person)} ({RoleIn(o.Session.Session, o.Person)})").Distinct())}.";
            return ask.Reply("relation.shared", text, roles.Count == 1 ? ask.AgendaCards.Session(roles[0].Session, ask.Asker.UserTimeZone) : null, roles.Select(a => a.Session.Session.Source));
        }
        if (organisations.Count == 1 && (q.AsksGroup || q.AsksLead))
        {
            var lead = organisations[0];
            var groups = k.Knowledge.WorkingGroups.Where(g => g.Leads.Contains(lead)).ToList();
            if (groups.Count == 0)
            {
                return null;
            }
            var text = string.Join(" ", groups.Select(g => $"{g.Name}: {k.OrganisationShort(lead)} with {Format.List(g.Leads.Where(o => o != lead).Select(k.OrganisationShort))}."));
            return ask.Reply("relation.shared", text, ask.Cards.Groups(groups, $"Groups {k.OrganisationShort(lead)} leads"), groups.Select(g => g.LeadsSource));
        }
        return null;
    }

    // ------------------------------------------------------------------ people from a kind of body or a place

    private static readonly (string Sector, string[] Words)[] SectorWords =
    [
        ("civil-society", ["civil", "society", "ngo", "ngos", "nongovernmental", "non-governmental", "association", "associations"]),
        ("employers", ["employers", "employer", "business", "businesses", "private", "industry", "companies"]),
        ("workers", ["workers", "worker", "unions", "union", "trade", "labour", "labor"]),
        ("un-system", ["un", "united", "nations", "agencies", "agency", "un-system"]),
        ("government", ["government", "governments", "state", "states", "ministry", "member"]),
        ("academia", ["academia", "academic", "academics", "university", "universities", "researchers", "research", "scholars"]),
        ("city", ["city", "cities", "municipal", "local", "mayor"]),
        ("intergovernmental", ["regional", "intergovernmental", "inter-governmental"]),
    ];

    private static Answer? PeopleFrom(Ask ask)
    {
        var q = ask.Question;
        var from = q.Words.ToList().IndexOf("from");
        if (from < 0 || from + 1 >= q.Words.Count || !(q.AsksWho || q.AsksSpeakers || q.AsksChair || q.Has("people", "anyone", "anybody")) || q.People.Count > 0)
        {
            return null;
        }
        var k = ask.Knowledge;
        var wanted = q.Words.Skip(from + 1).Where(w => !EnglishWords.Common.Contains(w) || SectorWords.Any(s => s.Words.Contains(w))).ToList();
        var sectors = SectorWords.Where(s => wanted.Any(s.Words.Contains)).Select(s => s.Sector).ToHashSet();
        var places = wanted.Where(w => w.Length > 3 && !SectorWords.Any(s => s.Words.Contains(w)) && !w.Any(char.IsDigit) && !ScopeWords.Contains(w)).ToList();
        if (sectors.Count == 0 && places.Count == 0)
        {
            return null;
        }
        var timeline = k.Timeline;
        var sessions = (q.Day is { } d ? timeline.OnDay(d) : timeline.Sessions).ToList();
        var roles = sessions.SelectMany(s =>
            (q.AsksChair && !q.AsksSpeakers ? [] : s.Session.Speakers.Select(sp => (Person: sp.Person, Organisation: sp.Organisation ?? k.People.GetValueOrDefault(sp.Person)?.Organisation, Role: "Speaker", Session: s)))
            .Concat(q.AsksSpeakers && !q.AsksChair ? [] : s.Session.Chairs.Select(c => (Person: c.Person, Organisation: k.People.GetValueOrDefault(c.Person)?.Organisation, Role: Roles.Of(c.Role), Session: s))))
            .ToList();
        bool Matches((string Person, string? Organisation, string Role, ScheduledSession Session) r)
        {
            var organisation = r.Organisation is { } o ? k.Organisations.GetValueOrDefault(o) : null;
            if (organisation?.Sector is { } sector && sectors.Contains(sector))
            {
                return true;
            }
            var described = Words.Fold($"{k.People.GetValueOrDefault(r.Person)?.Title} {organisation?.Name} {organisation?.Based} {organisation?.Notes}");
            return places.Count > 0 && places.All(p => described.Contains(p, StringComparison.Ordinal));
        }
        var found = roles.Where(Matches).ToList();
        if (found.Count == 0 || (sectors.Count == 0 && found.Count == roles.Count))
        {
            return null;
        }
        var what = string.Join(" ", q.Words.Skip(from + 1).TakeWhile(w => !ScopeWords.Contains(w) && w != "on" && w != "in"));
        var items = found.DistinctBy(r => r.Person).Select(r => (k.PersonName(r.Person),
            (string?)$"{(r.Organisation is { } o ? k.OrganisationShort(o) + " · " : "")}{r.Role}, {r.Session.Session.Title} ({Format.ShortWhen(timeline, r.Session.Session)})")).ToList();
        var text = $"From {what}: {Format.List(items.Select(i => $"{i.Item1} ({i.Item2})"))}.";
        return ask.Reply("relation.from", text, ask.Cards.Items($"From {what}", items, found.Select(r => r.Session.Session.Source)), found.Select(r => r.Session.Session.Source));
    }

    private static readonly IReadOnlySet<string> PeopleCues = Search.TextAnalysis.Terms(
        "who whom anyone anybody someone person people individual representative rep chair chairs chairing cochair co speak speaks " +
        "speaking speaker speakers present presenting presenter panelist moderate moderating day one two first second agenda meeting " +
        "session sessions on at the is are from there any tech technical working level event conference conf mtg list all names name " +
        "programme program show give tell me which what their everyone everybody").ToHashSet();

    /// <summary>"Who's the UNDP person co-chairing on day 2", "is anyone from FAO speaking": an organisation's people on the agenda.</summary>
    private static Answer? PeopleOf(Ask ask)
    {
        var q = ask.Question;
        var organisation = q.Organisations.FirstOrDefault(o => !ask.Lexicon.NamesGroups(o));
        if (organisation is null || q.People.Count > 0 || q.AsksGroup || ask.NamedSessions.Count > 0 || q.Has("chairmanship", "chairmanships", "chairs")
            || !q.Has("who", "whom", "anyone", "anybody", "someone", "person", "people", "everyone", "everybody")
            || !(q.HasStem("chair", "cochair", "speak", "present", "panelist", "moder") || q.Has("person", "people", "anyone", "anybody", "someone", "everyone", "everybody")))
        {
            return null;
        }
        var k = ask.Knowledge;
        // Nothing but the organisation, people and roles: "who took over the GMG chair from ILO" asks something else.
        var o = k.Organisations[organisation];
        if (ask.Unexplained([o.Name, .. o.Acronyms, .. o.Aliases], PeopleCues).Count > 0)
        {
            return null;
        }
        var roles = (q.Day is { } d ? k.Timeline.OnDay(d) : k.Timeline.Sessions)
            .SelectMany(s => s.Session.Chairs.Select(c => (c.Person, Role: Roles.Of(c.Role), Session: s))
                .Concat(s.Session.Speakers.Select(sp => (sp.Person, Role: "Speaker", Session: s))))
            .Where(r => (q.AsksChair && !q.AsksSpeakers ? r.Role != "Speaker" : !q.AsksSpeakers || q.AsksChair || r.Role == "Speaker")
                && (k.People.GetValueOrDefault(r.Person)?.Organisation == organisation
                    || r.Session.Session.Speakers.Any(sp => sp.Person == r.Person && sp.Organisation == organisation)))
            .ToList();
        var name = k.OrganisationShort(organisation);
        if (roles.Count == 0)
        {
            var among = q.AsksChair && !q.AsksSpeakers ? "chairs" : q.AsksSpeakers && !q.AsksChair ? "speakers" : "speakers or chairs";
            return ask.Reply("relation.people", $"{name} is not listed in the agenda among the {among}{(q.Day is { } day ? $" on day {day}" : "")}.", null, [k.Timeline.Event.Source]);
        }
        var items = roles.Select(r => (k.PersonName(r.Person), (string?)$"{r.Role}, {r.Session.Session.Title} ({Format.ShortWhen(k.Timeline, r.Session.Session)})")).ToList();
        var text = $"From {name}: {Format.List(items.Select(i => $"{i.Item1} ({i.Item2})"))}.";
        return ask.Reply("relation.people", text, roles.Count == 1 ? ask.AgendaCards.Session(roles[0].Session, ask.Asker.UserTimeZone) : ask.Cards.Items($"From {name}", items, roles.Select(r => r.Session.Session.Source)),
            roles.Select(r => r.Session.Session.Source));
    }

    // ------------------------------------------------------------------ organisations that chair or speak

    private static Answer? OrganisationsOnTheAgenda(Ask ask)
    {
        var q = ask.Question;
        if (!q.Has("organisations", "organizations", "agencies", "bodies", "entities", "institutions") || ask.NamedSessions.Count > 0 || !(q.AsksChair || q.AsksSpeakers))
        {
            return null;
        }
        var k = ask.Knowledge;
        var timeline = k.Timeline;
        var roles = timeline.Sessions.SelectMany(s =>
            (q.AsksChair ? s.Session.Chairs.Select(c => (c.Person, Session: s)) : [])
            .Concat(q.AsksSpeakers && !q.AsksChair ? s.Session.Speakers.Select(sp => (sp.Person, Session: s)) : []))
            .Select(r => (r.Person, r.Session, Organisation: k.People.GetValueOrDefault(r.Person)?.Organisation))
            .Where(r => r.Organisation is not null)
            .GroupBy(r => r.Organisation!)
            .ToList();
        if (roles.Count == 0)
        {
            return null;
        }
        var verb = q.AsksChair ? "chair sessions" : "speak";
        var items = roles.Select(g => (k.OrganisationLabel(g.Key), (string?)Format.List(g.Select(r => $"{k.PersonName(r.Person)}, {r.Session.Session.Title}").Distinct()))).ToList();
        var text = $"Organisations whose people {verb} on the agenda: {Format.List(items.Select(i => $"{i.Item1} ({i.Item2})"))}.";
        var sources = roles.SelectMany(g => g.Select(r => r.Session.Session.Source));
        return ask.Reply("relation.organisations", text, ask.Cards.Items($"Organisations that {verb}", items, sources), sources);
    }

    // Words after "from" that say when or where on the agenda, not who: "speakers from civil society on day 1".
    private static readonly HashSet<string> ScopeWords =
        ["day", "days", "one", "two", "first", "second", "agenda", "session", "sessions", "meeting", "panel", "panels", "morning", "afternoon", "the", "at", "are", "is", "there"];

    private static string RoleIn(Session session, string person) =>
        session.Chairs.FirstOrDefault(c => c.Person == person) is { } chair ? Roles.Of(chair.Role).ToLowerInvariant() : "speaker";

    private static string Number(int n) => n switch
    {
        1 => "one", 2 => "two", 3 => "three", 4 => "four", 5 => "five", 6 => "six", 7 => "seven", 8 => "eight", 9 => "nine", 10 => "ten",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Capitalised(string text) => Format.Capitalise(text);
}
