using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>GMG working groups and task forces: who co-chairs or co-convenes them and what they do.</summary>
internal static class GroupAnswers
{
    public static Answer? TryAnswer(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        // "Through which working groups …": several groups can hold the answer, whatever one group's alias shares with it.
        if (AsksForSeveral(q) && ByWork(ask) is { Count: > 1 } working)
        {
            return Several(ask, working);
        }
        var group = ask.Lexicon.GroupMatcher.Best(q.Terms, threshold: 0.45);
        // Group names share words with sessions ("decent work", "mainstreaming"): a group is meant when the question
        // says group, task force or WG, or names one in full and no session.
        if (group is not null && (q.AsksGroup || (group.Score >= 0.95 && ask.NamedSessions.Count == 0
            && Residue(ask, group.Phrase).Count == 0)))
        {
            return SharingLeads(ask, group.Item) ?? GroupAnswer(ask, group.Item);
        }
        // "GMG" in "GMG working group" names the family of groups, not a lead.
        var lead = q.Organisations.FirstOrDefault(o => !ask.Lexicon.NamesGroups(o))
            // "Which groups does Jill Helke's organisation lead": the person's organisation.
            ?? (q.People is [var person] && q.Has("agency", "organisation", "organization", "org", "employer", "institution")
                && ask.Knowledge.People.TryGetValue(person, out var p) ? p.Organisation : null);
        // "What does the ILO say chairs should do about the groups" asks what an organisation says, not what it leads.
        // "What does the ILO chair want WGs to report on": words beyond who leads what ask about something else.
        var unexplained = lead is null ? [] : q.Terms.Where(t => !ask.Lexicon.OrganisationTerms(lead).Contains(t) && !GroupWords.Contains(t)
            && !LeadWords.Contains(t) && !ask.Lexicon.IsEveryday(t)
            && !q.People.Any(p => ask.Lexicon.TermsOf(ask.Knowledge.PersonName(p)).Contains(t))).ToList();
        if (lead is not null && !q.Has(SpeechWords) && unexplained.Count < 2
            && (q.AsksGroup || (q.AsksLead && q.Has("convene", "convenes", "co-convene", "coconvene"))))
        {
            return ByOrganisation(ask, lead);
        }
        if (q.AsksGroup && q.People.Count == 0 && q.TargetIds.Count == 0 && ask.NamedSessions.Count == 0 && GenericGroupQuestion(ask))
        {
            return All(ask);
        }
        return null;
    }

    /// <summary>"Which other groups share a co-chair with the data WG": groups led by any of the same organisations.</summary>
    private static Answer? SharingLeads(Ask ask, WorkingGroup group)
    {
        var q = ask.Question;
        if (!q.Has("share", "shares", "sharing", "common", "same", "overlap", "overlaps") || !q.AsksLead)
        {
            return null;
        }
        var k = ask.Knowledge;
        var sharing = k.Knowledge.WorkingGroups.Where(g => g != group && g.Leads.Intersect(group.Leads).Any()).ToList();
        if (sharing.Count == 0)
        {
            return ask.Reply("group.sharing", $"No other GMG working group or task force is led by {Format.List(group.Leads.Select(k.OrganisationShort))}, which {Led(group)} the {group.Name}.",
                ask.Cards.Group(group), [group.LeadsSource]);
        }
        var text = $"The {group.Name} is {Led(group)} by {Format.List(group.Leads.Select(k.OrganisationShort))}. Sharing a lead with it: " + Format.List(sharing.Select(g =>
            $"{g.Name} ({Led(g)} by {Format.List(g.Leads.Select(k.OrganisationShort))}; shared: {Format.List(g.Leads.Intersect(group.Leads).Select(k.OrganisationShort))})")) + ".";
        return ask.Reply("group.sharing", text, ask.Cards.Groups([group, .. sharing], $"Groups sharing a lead with the {group.Name}"),
            sharing.Prepend(group).Select(g => g.LeadsSource).Distinct());
    }

    /// <summary>"co-chaired" or "co-convened", as the group's documents say of its leads.</summary>
    private static string Led(WorkingGroup group) => group.LeadRole == LeadRole.CoConvener ? "co-convened" : "co-chaired";

    private static bool AsksForSeveral(ParsedQuestion q) =>
        q.Has("which", "what") && q.Has("groups", "wgs", "forces", "tfs");

    /// <summary>The groups whose recorded work accounts for the question's topic, when more than one does about as well.</summary>
    private static List<WorkingGroup>? ByWork(Ask ask)
    {
        var q = ask.Question;
        var terms = q.Terms.Where(t => !GroupWords.Contains(t) && !t.All(char.IsDigit) && !ask.Lexicon.IsEveryday(t)).Distinct().ToList();
        if (terms.Count == 0)
        {
            return null;
        }
        var total = terms.Sum(ask.Lexicon.Rarity);
        var scored = ask.Knowledge.Knowledge.WorkingGroups
            .Where(g => KindsAsked(q).Contains(g.Kind))
            .Select(g => (Group: g, Score: g.Responsibilities.Select(r => terms.Where(ask.Lexicon.TermsOf(r.Text).Contains).Sum(ask.Lexicon.Rarity))
                .DefaultIfEmpty(0).Max() / total))
            .ToList();
        var best = scored.Max(x => x.Score);
        return best < 0.6 ? null : [.. scored.Where(x => x.Score >= best * 0.85).OrderByDescending(x => x.Score).Select(x => x.Group)];
    }

    private static readonly HashSet<string> GroupWords = ["group", "work", "task", "forc", "gmg", "wg", "wgs", "tf", "tfs", "activ", "involv", "which"];

    /// <summary>"Which working group has three co-chairs": groups picked by how many organisations lead them.</summary>
    public static Answer? ByLeadCount(Ask ask)
    {
        var q = ask.Question;
        if (!q.AsksGroup || !q.AsksLead || !q.Has("which", "what"))
        {
            return null;
        }
        var count = q.Words.Select(ParsedQuestion.CountOf).FirstOrDefault(n => n is > 1);
        if (count is not { } n)
        {
            return null;
        }
        var k = ask.Knowledge;
        var kinds = KindsAsked(q);
        var matching = k.Knowledge.WorkingGroups.Where(g => kinds.Contains(g.Kind) && g.Leads.Count == n).ToList();
        if (matching.Count == 0)
        {
            var counts = k.Knowledge.WorkingGroups.Where(g => kinds.Contains(g.Kind)).GroupBy(g => g.Leads.Count).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {(g.Count() == 1 ? "has" : "have")} {g.Key}");
            return ask.Reply("group.bycount", $"According to the documents, no GMG {KindLabel(kinds)} is led by {n} organisations: {Format.List(counts)}.",
                ask.Cards.Groups([.. k.Knowledge.WorkingGroups.Where(g => kinds.Contains(g.Kind))], "GMG working groups and task forces"),
                k.Knowledge.WorkingGroups.Select(g => g.LeadsSource).Distinct().Take(2));
        }
        return matching.Count == 1 ? GroupAnswer(ask, matching[0]) : Several(ask, matching);
    }

    private static readonly HashSet<string> LeadWords = ["co", "chair", "cochair", "conven", "coconven", "lead", "head", "run", "member", "part"];

    private static readonly string[] SpeechWords = ["say", "says", "said", "recommend", "recommends", "suggest", "suggests", "propose", "proposes", "advise", "advises"];

    public static Answer GroupAnswer(Ask ask, WorkingGroup group)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        var leads = Format.List(group.Leads.Select(k.OrganisationLabel));
        var verb = Led(group);
        string text;
        string intent;
        List<SourceRef> sources = [group.LeadsSource];
        var best = BestResponsibility(q, ask.Lexicon, group);
        var asksName = q.Has("called", "named", "name", "title");
        if (asksName && ask.Cards.GroupNamesAsked(group) is { } spellings)
        {
            // "What is it called in the ILO report": the names lead, each with the document that uses it.
            sources.AddRange(group.Names.Select(n => n.Source));
            return ask.Reply("group.names", $"{spellings}. It is {verb} by {leads}.", ask.Cards.Group(group), sources);
        }
        if (best is not null && !(q.AsksLead || (q.AsksWho && !q.Has("what"))))
        {
            intent = "group.work";
            text = $"{group.Name} ({verb} by {Format.List(group.Leads.Select(k.OrganisationShort))}): {best.Text}";
            sources.Add(best.Source);
        }
        else if (q.AsksLead || q.AsksWho || group.Responsibilities.Count == 0)
        {
            intent = "group.leads";
            text = $"{group.Name} is {verb} by {leads}.";
        }
        else
        {
            intent = "group";
            text = $"{group.Name} is {verb} by {leads}. " + string.Join(" ", group.Responsibilities.Take(2).Select(r => r.Text));
            sources.AddRange(group.Responsibilities.Take(2).Select(r => r.Source));
        }
        text = text.TrimEnd();
        if (!text.EndsWith('.'))
        {
            text += ".";
        }
        if (ask.Cards.GroupNames(group) is { } names)
        {
            text += $" {names}.";
            sources.AddRange(group.Names.Select(n => n.Source));
        }
        return ask.Reply(intent, text, ask.Cards.Group(group), sources);
    }

    /// <summary>The question's terms that neither the group's name nor a question about its leads accounts for.</summary>
    private static List<string> Residue(Ask ask, string name)
    {
        var named = ask.Lexicon.TermsOf(name);
        return [.. ask.Question.Terms.Where(t => !named.Contains(t) && t is not ("co" or "chair" or "cochair" or "conven" or "lead" or "head" or "run" or "gmg"))];
    }

    private static Responsibility? BestResponsibility(ParsedQuestion q, Lexicon lexicon, WorkingGroup group)
    {
        var terms = q.Terms.Where(t => t is not ("group" or "work" or "task" or "forc" or "gmg")).ToList();
        return group.Responsibilities
            .Select(r => (r, Score: terms.Count(lexicon.TermsOf(r.Text).Contains)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .Select(x => x.r)
            .FirstOrDefault(r => !NameOnly(q, lexicon, group, r));
    }

    // A responsibility that only shares the group's own name words with the question is no answer.
    private static bool NameOnly(ParsedQuestion q, Lexicon lexicon, WorkingGroup group, Responsibility r)
    {
        var nameTerms = lexicon.TermsOf(string.Join(' ', group.Names.Select(n => n.Name).Append(group.Name).Concat(group.Aliases)));
        var shared = q.Terms.Where(lexicon.TermsOf(r.Text).Contains);
        return shared.All(nameTerms.Contains);
    }

    private static Answer ByOrganisation(Ask ask, string organisation)
    {
        var k = ask.Knowledge;
        var q = ask.Question;
        var kinds = KindsAsked(q);
        var led = k.Knowledge.WorkingGroups.Where(g => g.Leads.Contains(organisation) && kinds.Contains(g.Kind)).ToList();
        var name = k.OrganisationLabel(organisation);
        if (led.Count == 0)
        {
            return ask.Reply("group.byorg",
                $"According to the documents, {name} does not co-chair or co-convene any GMG {KindLabel(kinds)}.",
                ask.Cards.Groups([.. k.Knowledge.WorkingGroups.Where(g => kinds.Contains(g.Kind))], "GMG working groups and task forces"),
                k.Knowledge.WorkingGroups.Select(g => g.LeadsSource).Take(1));
        }
        var text = $"{name} " + Format.List(led.Select(g =>
        {
            var partners = g.Leads.Where(l => l != organisation).Select(k.OrganisationShort).ToList();
            var role = g.LeadRole == LeadRole.CoConvener ? "co-convenes" : "co-chairs";
            return $"{role} the {g.Name}{(partners.Count > 0 ? $" (with {Format.List(partners)})" : "")}";
        })) + ".";
        var card = led.Count == 1 ? ask.Cards.Group(led[0]) : ask.Cards.Groups(led, $"Groups {k.OrganisationShort(organisation)} leads");
        return ask.Reply("group.byorg", text, card, led.Select(g => g.LeadsSource));
    }

    /// <summary>Several groups answer ("through which working groups …"): each with its leads and its relevant work.</summary>
    public static Answer Several(Ask ask, IReadOnlyList<WorkingGroup> groups)
    {
        var k = ask.Knowledge;
        var described = groups.Select(g => (Group: g, Work: BestResponsibility(ask.Question, ask.Lexicon, g))).ToList();
        var text = string.Join(" ", described.Select(x =>
            $"{x.Group.Name} ({Led(x.Group)} by {Format.List(x.Group.Leads.Select(k.OrganisationShort))})"
            + (x.Work is null ? "." : $": {x.Work.Text.TrimEnd('.')}.")));
        return ask.Reply("group.several", text, ask.Cards.Groups(groups, "GMG working groups and task forces"),
            described.SelectMany(x => x.Work is null ? [x.Group.LeadsSource] : new[] { x.Group.LeadsSource, x.Work.Source }));
    }

    private static Answer All(Ask ask)
    {
        var k = ask.Knowledge;
        var kinds = KindsAsked(ask.Question);
        var groups = k.Knowledge.WorkingGroups.Where(g => kinds.Contains(g.Kind)).ToList();
        var text = $"The GMG's {KindLabel(kinds)}: " + string.Join("; ", groups.Select(g =>
            $"{g.Name} ({Led(g)} by {Format.List(g.Leads.Select(k.OrganisationShort))})")) + ".";
        return ask.Reply("group.all", text, ask.Cards.Groups(groups, $"GMG {KindLabel(kinds)}"), groups.Select(g => g.LeadsSource));
    }

    private static HashSet<GroupKind> KindsAsked(ParsedQuestion q)
    {
        var taskForce = q.Has("force", "forces", "tf");
        var workingGroup = q.Has("wg", "wgs") || q.HasPhrase("working group") || q.HasPhrase("working groups");
        return taskForce == workingGroup ? [GroupKind.WorkingGroup, GroupKind.TaskForce]
            : taskForce ? [GroupKind.TaskForce] : [GroupKind.WorkingGroup];
    }

    private static string KindLabel(HashSet<GroupKind> kinds) => kinds.Count == 2
        ? "working groups and task forces"
        : kinds.Contains(GroupKind.TaskForce) ? "task forces" : "working groups";

    /// <summary>"Which working groups are there", "who convenes the 2 task forces and what are they called": about all of them.</summary>
    private static bool GenericGroupQuestion(Ask ask) =>
        ask.Question.Terms.All(t => t is "group" or "work" or "task" or "forc" or "gmg" or "wg" or "wgs" or "tf" or "tfs" or "exist" or "list"
            or "lead" or "chair" or "cochair" or "conven" or "coconven" or "all" or "name" or "call" or "their" or "respons" or "head" or "run"
            || t.All(char.IsDigit) || ask.Lexicon.Rarity(t) <= Math.Log(2));
}
