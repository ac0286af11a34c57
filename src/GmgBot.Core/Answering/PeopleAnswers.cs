using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Search;

namespace GmgBot.Core.Answering;

/// <summary>Speakers, chairs and other people: role, organisation, topic, sessions, in person or by video.</summary>
internal static class PeopleAnswers
{
    // Words of "who speaks about X" that are not X.
    private static readonly HashSet<string> SpeakingWords =
        ["speak", "speaker", "talk", "present", "presenter", "panelist", "session", "discuss", "cover", "address", "topic", "subject",
         "agenda", "meet", "person", "peopl", "someon", "anyon", "give", "deliv"];

    // Words of questions about a person ("role", "represent", "talk", "attend", "session") that are not the topic.
    private static readonly IReadOnlySet<string> PersonCues = Search.TextAnalysis.Terms(
        "role title job position function organisation organization represent representing works work affiliation agency " +
        "employer institution topic subject talk talking speak speaking speaks speaker present presenting presentation discuss " +
        "about cover focus session sessions panel attend attending remote remotely video vc virtual person physically online " +
        "join joining time when start schedule agenda day chair chairs chairing co moderate who bio background profile from " +
        "spell spelled spelling name names written print printed involved involvement part parts bits appear appears appearing " +
        "doing programme program").ToHashSet();

    public static Answer? TryAnswer(Ask ask)
    {
        var q = ask.Question;
        if (q.People.Count == 0 || !ask.Knowledge.People.TryGetValue(q.People[0], out var person))
        {
            return null;
        }
        var appearances = ask.Knowledge.Appearances[person.Id];
        var names = person.Spellings.Select(s => s.Name).Append(person.Name)
            .Concat(appearances.SelectMany(a => a.Session.Session.Aliases.Append(a.Session.Session.Title)))
            .Concat(person.Organisation is { } o ? ask.Lexicon.OrganisationTerms(o) : []);
        return ask.Unexplained(names, PersonCues).Count >= 2 ? null : PersonAnswer(ask, person);
    }

    public static Answer? Fallback(Ask ask) =>
        ask.Question.People.Count > 0 && ask.Knowledge.People.TryGetValue(ask.Question.People[0], out var person) ? PersonAnswer(ask, person) : null;

    public static Answer PersonAnswer(Ask ask, Person person)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        var appearances = k.Appearances[person.Id].OrderBy(a => a.Session.Start).ToList();
        var role = ask.Knowledge.PersonRole(person);
        var sessions = Format.List(appearances.Select(a => $"{a.Role.ToLowerInvariant()} at {a.Session.Session.Title} ({AgendaAnswers.When(ask, a.Session)})"));
        string intent;
        string text;
        if (q.AsksRemote && appearances.Count > 0)
        {
            intent = "person.remote";
            var remote = appearances.Where(a => a.AsSpeaker?.Remote == true).ToList();
            // "Is X attending in person?" and "Is X joining remotely?" need opposite yes/no for the same fact.
            var asksInPerson = q.HasPhrase("in person") || q.Has("physically", "personally") || !q.Has("remote", "remotely", "video", "vc", "virtual", "virtually", "online", "videoconference");
            text = remote.Count > 0
                ? $"{(asksInPerson ? "No" : "Yes")} — {person.Name} takes part remotely, via VC (video conference): {Format.List(remote.Select(a => a.Session.Session.Title))}."
                : $"{(asksInPerson ? "Yes" : "No")}, as far as the agenda shows: {person.Name} is not marked as joining by video conference, so attends in person ({sessions}).";
        }
        else if (q.AsksTopic && appearances.Any(a => a.AsSpeaker?.Topic is not null || a.AsSpeaker?.Title is not null))
        {
            // The bracketed topic where the agenda gives one; otherwise what the agenda prints beside the name there.
            intent = "person.topic";
            text = $"{person.Name} speaks on " + Format.List(appearances.Where(a => a.AsSpeaker is not null)
                .Select(a => $"“{a.AsSpeaker!.Topic ?? a.AsSpeaker.Title ?? role}” at {a.Session.Session.Title} ({AgendaAnswers.When(ask, a.Session)})")) + ".";
        }
        else if (q.AsksTopic && appearances.Count > 0)
        {
            intent = "person.topic";
            var title = appearances.Select(a => a.AsSpeaker?.Title).FirstOrDefault(t => t is not null) ?? role;
            text = $"A separate topic for {person.Name} ({title}) is not given in the agenda; {person.Name} is {sessions}.";
        }
        else if (q.AsksOrganisation && !q.AsksRole)
        {
            intent = "person.organisation";
            text = person.Organisation is { } o
                ? $"{person.Name} represents {k.OrganisationLabel(o)}{(person.Title is { } t ? $" ({t})" : "")}."
                : $"{person.Name}: {role}.";
        }
        else if (q.AsksChair && appearances.Any(a => a.AsChair is not null))
        {
            intent = "person.chairs";
            var chaired = appearances.Where(a => a.AsChair is not null).ToList();
            text = $"{person.Name} chairs " + Format.List(chaired
                .Select(a => $"{a.Session.Session.Title} as {a.Role} ({AgendaAnswers.When(ask, a.Session)})")) + ".";
            // "Who's the other co-chair besides X?": the one beside them, or that the agenda leaves it out.
            if (q.Has("other", "besides", "else", "alongside", "apart", "with", "partner"))
            {
                text += " " + string.Join(" ", chaired.Select(a => OtherChairs(ask, a.Session.Session, person)));
            }
        }
        else if (q.AsksWhen && appearances.Count > 0)
        {
            intent = "person.sessions";
            text = $"{person.Name} is {sessions}.";
        }
        else
        {
            intent = "person";
            text = role.Length > 0 ? $"{person.Name}: {role}." : $"{person.Name}.";
            if (appearances.Count > 0)
            {
                text += $" On the agenda: {sessions}.";
            }
            if (appearances.Any(a => a.AsSpeaker?.Remote == true))
            {
                text += " Attends via VC (video conference).";
            }
        }
        if (ask.Cards.Spellings(person) is { } spellings)
        {
            text += $" {spellings}.";
        }
        var sources = new List<SourceRef> { person.Source };
        sources.AddRange(appearances.Select(a => a.Session.Session.Source));
        sources.AddRange(person.Spellings.Select(s => s.Source));
        return ask.Reply(intent, text, ask.Cards.Person(person, appearances), sources);
    }

    /// <summary>"Who speaks about remittances?", "Which speakers join by video?", "Who from the ILO is speaking?".</summary>
    /// <summary>
    /// "Who is the special representative for migration?": a person named by the office they hold. Their title must
    /// account for nearly all of the question, and only one person may hold it.
    /// </summary>
    private static Person? ByTitle(Ask ask)
    {
        var q = ask.Question;
        if (!q.HasPhrase("who is the") && !q.HasPhrase("who was the") && !q.HasPhrase("who the"))
        {
            return null;
        }
        var terms = q.Terms.Where(t => !ask.Lexicon.IsEveryday(t) && !t.All(char.IsDigit)).Distinct().ToList();
        if (terms.Count == 0)
        {
            return null;
        }
        var total = terms.Sum(ask.Lexicon.Rarity);
        var scored = ask.Knowledge.People.Values
            .Where(p => p.Title is not null)
            .Select(p => (Person: p, Score: terms.Where(ask.Lexicon.TermsOf(p.Title!).Contains).Sum(ask.Lexicon.Rarity) / total))
            .Where(x => x.Score >= 0.8)
            // "Advisor to the Special Representative" holds another office than "Special Representative": the title
            // that starts with the office named is the one asked about.
            .Select(x => (x.Person, x.Score, Starts: TextAnalysis.Terms(x.Person.Title!).Take(2).Any(terms.Contains)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Starts)
            .ToList();
        return scored.Count == 1 || (scored.Count > 1 && (scored[0].Score > scored[1].Score + 0.1 || (scored[0].Starts && !scored[1].Starts)))
            ? scored[0].Person : null;
    }

    public static Answer? TryTopicOrRemote(Ask ask)
    {
        var q = ask.Question;
        var k = ask.Knowledge;
        var everyone = k.Timeline.Sessions
            .SelectMany(s => s.Session.Speakers.Select(sp => (Session: s, Speaker: sp)))
            .ToList();
        if (q.AsksRemote && (q.AsksWho || q.Has("which", "speakers", "anyone")))
        {
            var remote = everyone.Where(x => x.Speaker.Remote).ToList();
            var text = remote.Count == 0
                ? "The agenda lists no one as joining by video."
                : $"{remote.Count} speakers join via VC (video conference): " +
                  Format.List(remote.Select(x => $"{k.PersonName(x.Speaker.Person)} ({x.Session.Session.Title}, {Format.ShortDay(k.Timeline.DayNumbered(x.Session.Session.Day)!)})")) + ".";
            return ask.Reply("people.remote", text, null, remote.Select(x => x.Session.Session.Source));
        }
        if (!(q.AsksWho || q.AsksSpeakers))
        {
            return null;
        }
        if (ByTitle(ask) is { } titled)
        {
            return PersonAnswer(ask, titled);
        }
        // "Who from the ILO is speaking?", "Who represents the IOE?", "the IOE person on the decent work panel" — but not
        // "Who funds the ILO project?".
        var sessions = ask.NamedSessions;
        var sessionWords = sessions.SelectMany(s => s.Session.Aliases.Append(s.Session.Title)).SelectMany(ask.Lexicon.TermsOf).ToHashSet();
        if (q.Organisations.Count > 0 && (q.Has("who", "whom") || q.AsksSpeakers)
            && q.Terms.All(t => ask.Lexicon.OrganisationTerms(q.Organisations[0]).Contains(t) || SpeakingWords.Contains(t) || RepresentingWords.Contains(t) || sessionWords.Contains(t)
                || (q.MentionsMeeting && ask.Lexicon.MeetingTerms.Contains(t))))
        {
            var organisation = q.Organisations[0];
            var people = (sessions.Count > 0 ? sessions : k.Timeline.Sessions)
                .SelectMany(s => s.Session.Chairs.Select(c => (s, c.Person, Role: Roles.Of(c.Role)))
                    .Concat(s.Session.Speakers.Select(sp => (s, sp.Person, Role: "Speaker"))))
                .Where(x => k.People.TryGetValue(x.Person, out var p) && p.Organisation == organisation)
                .ToList();
            // "Who is the SRSG?": the documents name people of an organisation who are not on the agenda too.
            var others = q.AsksSpeakers || sessions.Count > 0 ? []
                : k.People.Values.Where(p => p.Organisation == organisation && people.All(x => x.Person != p.Id)).ToList();
            if (people.Count > 0 || others.Count > 0)
            {
                var onAgenda = people.Count == 0 ? "" : $"From {k.OrganisationLabel(organisation)} on the agenda: " + Format.List(people.Select(x =>
                    $"{k.PersonName(x.Person)} ({x.Role}, {x.s.Session.Title}, {Format.ShortWhen(k.Timeline, x.s.Session)})")) + ".";
                var named = others.Count == 0 ? "" : $"{(people.Count == 0 ? "The documents name" : " The documents also name")} "
                    + Format.List(others.Select(p => p.Title is { } title ? $"{p.Name}, {title}" : p.Name)) + ".";
                return ask.Reply("people.organisation", (onAgenda + named).Trim(), null,
                    people.Select(x => x.s.Session.Source).Concat(others.Select(p => p.Source)));
            }
            // "Who's the UNICEF speaker?": saying that the agenda names none is the answer, not someone else's session.
            var where = sessions.Count == 1 ? sessions[0].Session.Title : "the agenda";
            return ask.Reply("people.organisation.none",
                $"No one from {k.OrganisationLabel(organisation)} is named as a speaker or chair in {where}: it is not given in the documents.",
                null, [sessions.Count == 1 ? sessions[0].Session.Source : k.Knowledge.Event.Source]);
        }
        var topic = q.Terms.Where(t => !SpeakingWords.Contains(t) && !RoleWords.Contains(t) && t.Length > 1).Distinct().ToList();
        // Speakers are looked up by topic only when the question is about a speaker ("who speaks on…", "the ID card person").
        if (topic.Count == 0 || !(q.AsksSpeakers || q.Has("person", "people", "speaker", "speakers", "panelist")))
        {
            return null;
        }
        // The topic must be mostly (by how telling its words are) in what one speaker talks about, not a word of a long title.
        var total = topic.Sum(ask.Lexicon.Rarity);
        var scored = everyone
            .Select(x => (x.Session, x.Speaker, Score: topic.Where(ask.Lexicon.TermsOf(SpeakerText(k, x.Speaker)).Contains).Sum(ask.Lexicon.Rarity) / total))
            .Where(x => x.Score >= 0.55)
            .OrderByDescending(x => x.Score)
            .ToList();
        if (scored.Count == 0)
        {
            return null;
        }
        var best = scored.Where(x => x.Score == scored[0].Score).ToList();
        var answer = Format.List(best.Select(x =>
        {
            var detail = x.Speaker.Topic ?? x.Speaker.Title ?? (k.People.TryGetValue(x.Speaker.Person, out var p) ? p.Title : null);
            return $"{AgendaAnswers.SpeakerLabel(ask, x.Speaker)}{(detail is null ? "" : $" — {detail}")}, at {x.Session.Session.Title} ({AgendaAnswers.When(ask, x.Session)})";
        }));
        var card = best.Count == 1 && k.People.TryGetValue(best[0].Speaker.Person, out var only)
            ? ask.Cards.Person(only, [.. k.Appearances[only.Id]])
            : null;
        return ask.Reply("people.topic", $"{answer}.", card, best.Select(x => x.Session.Session.Source));
    }

    // What is asked about the speaker once found ("and what's her job title"), not what identifies them.
    private static readonly IReadOnlySet<string> RoleWords = TextAnalysis.Terms("job title role position function name organisation organization").ToHashSet();

    private static readonly HashSet<string> RepresentingWords = ["repres", "from", "attend", "particip", "agenda", "chair", "moder", "join", "come"];

    private static string SpeakerText(KnowledgeSnapshot k, Speaker speaker)
    {
        var person = k.People.GetValueOrDefault(speaker.Person);
        var organisation = (speaker.Organisation ?? person?.Organisation) is { } o && k.Organisations.TryGetValue(o, out var org)
            ? $"{org.Name} {string.Join(' ', org.Acronyms)}"
            : "";
        return $"{speaker.Topic} {speaker.Title} {person?.Title} {organisation}";
    }



    private static string OtherChairs(Ask ask, Session session, Person person)
    {
        var others = session.Chairs.Where(c => c.Person != person.Id).Select(c => ask.Knowledge.PersonName(c.Person)).ToList();
        return others.Count > 0
            ? $"{session.Title} is chaired with {Format.List(others)}."
            : $"Another chair of {session.Title} is not named in the agenda.";
    }
}
