using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Answering;

/// <summary>The agenda: what is on now and next, a session's time, room, people and status, a day's schedule, room bookings.</summary>
internal static class AgendaAnswers
{
    // Words that only say "the agenda" — a question made of nothing else asks for the whole schedule.
    private static readonly HashSet<string> AgendaOnly =
        ["agenda", "schedul", "programm", "program", "session", "meet", "event", "full", "whole", "entir", "complet", "plan", "planned",
         "happen", "lineup", "timet", "time", "tabl", "now", "next", "upcom", "come", "day", "todai", "tomorrow", "morn", "afternoon", "kick", "off",
         "preliminari", "gmg", "thi", "on", "see", "get", "need", "right", "go", "current", "moment", "up", "underwai", "ongo", "whole"];

    public static Answer? TryNowOrNext(Ask ask)
    {
        var q = ask.Question;
        if (!(q.AsksNow || q.AsksNext) || q.People.Count > 0 || q.TargetIds.Count > 0 || !OnlyAgendaWords(q, "after"))
        {
            return null;
        }
        var timeline = ask.Knowledge.Timeline;
        if (q.AsksNext)
        {
            var next = timeline.Next(ask.Now);
            if (next is null)
            {
                return Over(ask);
            }
            var soon = next.Start - ask.Now;
            var text = $"Next: **{next.Session.Title}**, {When(ask, next)}{(soon < TimeSpan.FromHours(12) ? $", in {Duration(soon)}" : "")}.";
            return ask.ClockReply("agenda.next", text, ask.AgendaCards.Session(next, ask.Asker.UserTimeZone), [next.Session.Source]);
        }
        var underway = timeline.Underway(ask.Now);
        if (underway.Count > 0)
        {
            var current = underway[0];
            var text = $"Now: **{current.Session.Title}**, {When(ask, current)} ({Format.Room(current.Room)}).";
            return ask.ClockReply("agenda.now", text, ask.AgendaCards.Session(current, ask.Asker.UserTimeZone), [current.Session.Source]);
        }
        var upcoming = timeline.Next(ask.Now);
        if (upcoming is null)
        {
            return Over(ask);
        }
        var wait = ask.Now < timeline.EventStart
            ? $"Nothing is on right now: {timeline.Event.Name} starts {When(ask, upcoming)} with **{upcoming.Session.Title}**."
            : $"Nothing is on right now. Next: **{upcoming.Session.Title}**, {When(ask, upcoming)}.";
        return ask.ClockReply("agenda.now", wait, ask.AgendaCards.Session(upcoming, ask.Asker.UserTimeZone), [upcoming.Session.Source]);
    }

    /// <summary>"What are the objectives of the meeting?", "What is this event about?": from the event record itself.</summary>
    public static Answer? TryEventPurpose(Ask ask)
    {
        var q = ask.Question;
        var e = ask.Knowledge.Timeline.Event;
        var aboutAnotherEvent = ask.NamedEvent is { } other
            && other.Item.StartDate != ask.Knowledge.Knowledge.Event.Days.Min(d => d.Date);
        if (!q.MentionsMeeting || aboutAnotherEvent || q.People.Count > 0 || ask.NamedSessions.Count > 0)
        {
            return null;
        }
        if (q.AsksPurpose && e.Objectives.Count > 0)
        {
            var text = $"The objectives of the {e.Name}: " + string.Join(" ", e.Objectives.Select((o, i) => $"({i + 1}) {o.TrimEnd('.', ';')}.")) ;
            return ask.Reply("event.objectives", text, EventCard(ask, "Objectives", e.Objectives), [e.Source]);
        }
        if (q.Has("title", "titled", "called", "name", "named", "theme", "official") && e.Title is not null && OnlyAgendaWords(q, "title", "titl", "call", "name", "theme", "offici", "technic", "work", "level", "full"))
        {
            return EventInfo(ask);
        }
        if (q.AsksTopic && e.Summary is { } summary && OnlyAgendaWords(q, "about", "technic", "work", "level"))
        {
            var days = ask.Knowledge.Timeline.Days.Where(d => d.Theme is not null).Select(d => $"{Format.ShortDay(d)}: {d.Theme}");
            return ask.Reply("event.summary", summary, EventCard(ask, "What the meeting is about", [summary, .. days]), [e.Source]);
        }
        return null;
    }

    private static Cards.AdaptiveCard EventCard(Ask ask, string heading, IEnumerable<string> lines) => Cards.CardParts.Card(
        [
            Cards.CardParts.Heading(ask.Knowledge.Timeline.Event.Name),
            new Cards.TextBlock(heading) { Weight = Cards.TextWeight.Bolder },
            .. lines.Select(l => new Cards.TextBlock($"• {l}") { Spacing = Cards.CardSpacing.Small }),
            Cards.CardParts.Footer(Format.Sources([ask.Knowledge.Timeline.Event.Source], ask.Knowledge)),
        ],
        heading);

    // Words of questions about a session ("who chairs", "which room", "is it confirmed") that are not its name.
    private static readonly IReadOnlySet<string> SessionCues = Search.TextAnalysis.Terms(
        "chair chairs chaired co moderate speak speaker speakers speaking talk present presenting presenter panel panelist session " +
        "time start starts end ends begin finish long duration when where room venue location place held building confirm " +
        "confirmed tbc status sdg target targets goal goals discuss discussed cover covers about topic description facilitate " +
        "facilitates run runs lead leads host organise organize who agenda happen happening title called name detail details " +
        "information tell day one two first second morning afternoon attend join go last final slot thing item big main longest " +
        "between after before next following earliest latest happens actually").ToHashSet();

    public static Answer? TrySession(Ask ask)
    {
        // "Is there a gap between the concluding session and the lunch briefing?": the time between them, said plainly.
        if (SessionLinks.Ends(ask) is var (from, to) && SessionLinks.Between(ask).Count == 0)
        {
            var gap = to.Start - from.End;
            var text = gap <= TimeSpan.Zero
                ? $"No: {to.Session.Title} starts at {Format.Time(to.Session.Start)}, as {from.Session.Title} ends ({Format.ShortDay(ask.Knowledge.Timeline.DayNumbered(from.Session.Day)!)})."
                : $"Yes: {from.Session.Title} ends at {Format.Time(from.Session.End)} and {to.Session.Title} starts at {Format.Time(to.Session.Start)}, "
                    + $"{Duration(gap)} later ({Format.ShortDay(ask.Knowledge.Timeline.DayNumbered(from.Session.Day)!)}, {Format.ZoneLabel(ask.Knowledge.Timeline)}).";
            var day = ask.Knowledge.Timeline.DayNumbered(from.Session.Day)!;
            return ask.ClockReply("agenda.gap", text, ask.Schedule([(day, [from, to])]), [from.Session.Source, to.Session.Source]);
        }
        var sessions = ask.NamedSessions;
        // "What did the briefing recommend": sessions do not recommend, documents do, whatever name they share.
        if (NamesAnotherDocument(ask, sessions) || (ask.Question.Has(DocumentVerbs) && sessions.All(s => !ask.Question.Words.Any(w => Words.Fold(s.Session.Description ?? "").Contains(w, StringComparison.Ordinal) && DocumentVerbs.Contains(w)))))
        {
            return null;
        }
        // "What handbook does the mainstreaming work build on": what is asked for is not a session's, when no session has it.
        var wanted = ask.Question.Focus.Where(t => ask.Lexicon.IndexTerms.Contains(t) && !SessionCues.Contains(t) && !ask.Lexicon.IsEveryday(t)
            && !ask.Lexicon.SessionNameTerms.Contains(t)).ToList();
        if (wanted.Count > 0 && sessions.Count > 0 && sessions.All(s => !wanted.Any(ask.Lexicon.TermsOf(SessionText(ask.Knowledge, s.Session)).Contains)))
        {
            return null;
        }
        // "Between the welcome and the coffee break" names the sessions at either end too.
        var ends = SessionLinks.Ends(ask) is var (first, last) ? [first, last] : Array.Empty<ScheduledSession>();
        if (sessions.Count == 0
            || ask.Unexplained(sessions.Concat(ends).SelectMany(s => s.Session.Aliases.Append(s.Session.Title)), SessionCues).Count >= 2)
        {
            return null;
        }
        // "After lunch", "the session before the coffee break": the neighbouring session on the same day.
        if (sessions.Count == 1 && Neighbour(ask, sessions[0]) is { } neighbour)
        {
            return SessionAnswer(ask, neighbour);
        }
        if (sessions.Count > 1)
        {
            var day = ask.Knowledge.Timeline.DayNumbered(sessions[0].Session.Day)!;
            var list = Format.List(sessions.Select(s => Format.ShortWhen(ask.Knowledge.Timeline, s.Session)));
            var text = $"{sessions[0].Session.Title}: {list} ({Format.ZoneLabel(ask.Knowledge.Timeline)}).";
            var days = sessions.GroupBy(s => s.Session.Day)
                .Select(g => (ask.Knowledge.Timeline.DayNumbered(g.Key)!, (IReadOnlyList<ScheduledSession>)[.. g])).ToList();
            return ask.ClockReply("agenda.sessions", text, ask.Schedule(days), sessions.Select(s => s.Session.Source));
        }
        return SessionAnswer(ask, sessions[0]);
    }

    private static ScheduledSession? Neighbour(Ask ask, ScheduledSession session)
    {
        var q = ask.Question;
        var after = q.Has("after", "following", "afterwards", "follows", "follow");
        var before = q.Has("before", "preceding", "prior", "precedes", "precede");
        if (after == before || q.HasPhrase("minutes before") || q.HasPhrase("remind me"))
        {
            return null;
        }
        var sameDay = ask.Knowledge.Timeline.OnDay(session.Session.Day).ToList();
        var candidates = after
            ? sameDay.Where(s => s.Start >= session.End)
            : sameDay.Where(s => s.End <= session.Start).Reverse();
        // Breaks and meals are not what "who speaks after lunch" means, unless asked for.
        return candidates.FirstOrDefault(s => s.Session.Kind is not (SessionKind.Break or SessionKind.Meal or SessionKind.Registration)
            || q.Has("break", "lunch", "coffee"));
    }

    public static Answer? Fallback(Ask ask) => ask.NamedSessions is [var only] && !NamesAnotherDocument(ask, [only]) ? SessionAnswer(ask, only) : null;

    /// <summary>
    /// "Who did the roundtable report think could help with mainstreaming?" names another document than the agenda's:
    /// a session that shares its topic is not what is asked about.
    /// </summary>
    /// <summary>Everything a session's record says: its title, aliases, description, people, organisations and targets.</summary>
    private static string SessionText(KnowledgeSnapshot k, Session s) => string.Join(' ', [
        s.Title, .. s.Aliases, s.Description ?? "", s.Kind.ToString(), .. s.SdgTargets,
        .. s.Speakers.Select(sp => $"{k.PersonName(sp.Person)} {sp.Title} {sp.Topic} {(sp.Organisation is { } o ? k.OrganisationLabel(o) : "")}"),
        .. s.Chairs.Select(c => $"{k.PersonName(c.Person)} {c.Role}"),
    ]);

    private static readonly string[] DocumentVerbs =
        ["recommend", "recommends", "recommended", "recommendation", "recommendations", "propose", "proposes", "proposed", "proposal", "urge", "urges", "urged"];

    private static bool NamesAnotherDocument(Ask ask, IReadOnlyList<ScheduledSession> sessions) =>
        ask.Question.Documents.Any(d => sessions.All(s => s.Session.Source.Document != d));

    public static Answer SessionAnswer(Ask ask, ScheduledSession scheduled)
    {
        var q = ask.Question;
        var s = scheduled.Session;
        var k = ask.Knowledge;
        var title = $"**{s.Title}** ({When(ask, scheduled)})";
        string text;
        string intent;
        if (q.AsksStatus)
        {
            intent = "session.status";
            text = s.Status == SessionStatus.ToBeConfirmed
                ? $"Not yet: {title} is marked TBC (to be confirmed) in the agenda."
                : $"{title} is on the agenda without any TBC mark{Preliminary(k)}.";
        }
        else if (q.AsksFacilitator && s.FacilitatedBy.Count > 0 && !q.AsksChair)
        {
            intent = "session.facilitator";
            text = $"{title} is facilitated by {Format.List(s.FacilitatedBy.Select(k.OrganisationLabel))}.";
            // "Which UNITAR person…": the agenda names the organisation, not who from it.
            if (s.Chairs.Count == 0 && s.Speakers.Count == 0 && q.Has("person", "who", "name", "people", "someone", "individual", "staffer", "staff", "official", "representative", "rep", "colleague", "member"))
            {
                text += $" The person who facilitates it is not named in the agenda.";
            }
        }
        else if (q.AsksChair || (q.AsksWho && !q.AsksSpeakers && s.Chairs.Count > 0))
        {
            intent = "session.chairs";
            text = Chairs(ask, s, title);
        }
        else if (q.AsksSpeakers || q.AsksWho)
        {
            intent = "session.speakers";
            text = s.Speakers.Count == 0
                ? $"Speakers for {title} are not named in the agenda" + (s.FacilitatedBy.Count > 0
                    ? $"; it is facilitated by {Format.List(s.FacilitatedBy.Select(k.OrganisationLabel))}."
                    : s.Chairs.Count > 0 ? $". {Chairs(ask, s, "It")}" : ".")
                : $"Speakers at {title}: {Format.List(s.Speakers.Select(sp => SpeakerLabel(ask, sp)))}.";
        }
        else if (q.AsksSdg)
        {
            intent = "session.sdg";
            text = s.SdgTargets.Count == 0
                ? $"SDG targets for {title} are not given in the agenda."
                : $"{title} discusses SDG targets {Format.List(s.SdgTargets)}: " + string.Join("; ",
                    s.SdgTargets.Select(t => k.Targets.TryGetValue(t, out var target) && target.Text is { } tt ? $"{t} — {tt}" : $"{t} (text not given)")) + ".";
        }
        else if (q.AsksWhere)
        {
            intent = "session.room";
            var venue = string.Join(", ", new[] { k.Knowledge.Event.Venue, k.Knowledge.Event.City }.Where(v => !string.IsNullOrEmpty(v)));
            // What is booked that day is the nearest the documents come: "Conference Room E from 10:00".
            var booked = k.Timeline.RoomBookings.Where(b => b.Date == scheduled.Date).ToList();
            text = scheduled.Room.Name is null && venue.Length > 0
                ? $"{title}: a room for this time is not given in the documents; the meeting is at the {venue}."
                    + (booked.Count > 0 ? $" Booked that day: {Format.List(booked.Select(b => $"{b.Room} {Format.Time(b.Start)}–{Format.Time(b.End)}"))}." : "")
                : $"{title}: {Format.Room(scheduled.Room)}.";
        }
        else if (q.AsksWhen)
        {
            intent = "session.time";
            text = $"**{s.Title}**: {When(ask, scheduled)}.";
        }
        else
        {
            intent = "session";
            text = $"{title}, {Format.Room(scheduled.Room)}." + (s.Status == SessionStatus.ToBeConfirmed ? " To be confirmed (TBC)." : "");
        }
        return ask.Reply(intent, text, ask.AgendaCards.Session(scheduled, ask.Asker.UserTimeZone), [s.Source]);
    }

    public static Answer? TryDay(Ask ask)
    {
        var q = ask.Question;
        var timeline = ask.Knowledge.Timeline;
        // A date on which the documents record something else (a meeting, a handover) is that event's to answer.
        if (q.OtherDate is { } other && (q.AsksAgenda || q.AsksWhere || q.AsksNow || OnlyAgendaWords(q))
            && !ask.Knowledge.Knowledge.Events.Any(e => e.StartDate <= other && other <= (e.EndDate ?? e.StartDate)))
        {
            var days = Format.List(timeline.Days.Select(d => Format.Date(d.Date)));
            return ask.ClockReply("agenda.none", $"There are no sessions on {Format.Date(other)}: {timeline.Event.Name} runs on {days}.", null, [timeline.Event.Source]);
        }
        if (q.AsksWhere && (q.Day is not null || q.Part is not null) && q.People.Count == 0)
        {
            return Rooms(ask);
        }
        if (q.Day is { } unknownDay && timeline.DayNumbered(unknownDay) is null && (q.AsksAgenda || OnlyAgendaWords(q)))
        {
            var days = string.Join("; ", timeline.Days.Select(Format.Day));
            return ask.ClockReply("agenda.none", $"{timeline.Event.Name} has {timeline.Days.Count} days, so there is no day {unknownDay}: {days}.", null, [timeline.Event.Source]);
        }
        // "What's the focus of day 2?", "the themes of the day 1 panels": the day's theme, with its schedule.
        if (q.Day is { } themed && timeline.DayNumbered(themed) is { Theme: { } theme } themedDay && q.At is null && q.People.Count == 0
            && ask.NamedSessions.Count == 0 && q.Has("theme", "themes", "focus", "focused", "focuses", "about", "topic", "topics", "overall", "purpose", "subject"))
        {
            return ask.ClockReply("agenda.theme", $"{Format.Day(themedDay)}: {theme}",
                ask.Schedule([(themedDay, [.. timeline.OnDay(themed)])]), [themedDay.Source ?? timeline.Event.Source]);
        }
        // "Who chairs each of the day 1 panels?": every chaired session of the day with its chairs.
        if (q.Day is { } chairDay && timeline.DayNumbered(chairDay) is { } dayOfChairs && q.AsksChair && !q.HasStem("speaker", "speak", "present", "talk") && !q.AsksGroup
            && ask.NamedSessions.Count == 0 && q.People.Count == 0 && q.Organisations.Count == 0
            && timeline.OnDay(chairDay).Where(s => s.Session.Chairs.Count > 0 && SessionLinks.InPart(q, s)).ToList() is { Count: > 0 } chaired)
        {
            var text = $"Chairs on {Format.Day(dayOfChairs)}: " + string.Join("; ", chaired.Select(s =>
                $"{s.Session.Title} ({Format.Span(s.Session)}): {Format.List(s.Session.Chairs.Select(c => ask.Knowledge.PersonName(c.Person)))}")) + ".";
            return ask.ClockReply("agenda.chairs", text, ask.Schedule([(dayOfChairs, chaired)]), chaired.Select(s => s.Session.Source));
        }
        // A date word alone does not make a question about the schedule: "what is the dress code on day 2" asks about
        // something else, and "what will the day 2 session use as case studies" about what a passage says.
        if (q.Day is { } dayNumber && timeline.DayNumbered(dayNumber) is { } day && OtherTopics(ask) < 2)
        {
            var sessions = timeline.OnDay(dayNumber).Where(s => SessionLinks.InPart(q, s)).ToList();
            if (q.At is { } at)
            {
                var underway = timeline.OnDay(dayNumber).Where(s => s.Session.Start <= at && at < s.Session.End).ToList();
                if (underway.Count > 0)
                {
                    return SessionAnswer(ask, underway[0]);
                }
            }
            if (q.AsksAgenda || q.AsksWhen || OnlyAgendaWords(q) || q.Has("what", "start", "begin"))
            {
                if (q.AsksWhen && !q.AsksAgenda && sessions.Count > 0 && q.Has("start", "starts", "begin", "begins", "end", "ends", "finish"))
                {
                    var first = sessions[0];
                    var last = sessions[^1];
                    var text = q.Has("end", "ends", "finish")
                        ? $"{Format.Day(day)} ends at {Format.Time(last.Session.End)} ({Format.ZoneLabel(timeline)}) with {last.Session.Title}."
                        : $"{Format.Day(day)} starts at {Format.Time(first.Session.Start)} ({Format.ZoneLabel(timeline)}) with {first.Session.Title}.";
                    return ask.ClockReply("agenda.day", text, ask.Schedule([(day, sessions)]), [first.Session.Source]);
                }
                return Schedule(ask, [(day, sessions)]);
            }
        }
        if (q.AsksAgenda && OnlyAgendaWords(q))
        {
            // During the event "the agenda" means today's; before or after, the whole programme.
            var today = timeline.DayOn(timeline.LocalDate(ask.Now));
            var days = today is null
                ? timeline.Days.Select(d => (d, (IReadOnlyList<ScheduledSession>)[.. timeline.OnDay(d.Day).Where(s => SessionLinks.InPart(q, s))])).ToList()
                : [(today, [.. timeline.OnDay(today.Day)])];
            return Schedule(ask, days);
        }
        // "Which building is the GMG tech meeting in", "dates of the meeting in NY": every word names the meeting.
        if ((q.AsksWhen || q.AsksWhere) && q.Has("meeting", "event", "conference", "workshop")
            && (OnlyAgendaWords(q, "held", "take", "place", "venue", "where", "taking", "located", "locat", "technic", "work", "level")
                || q.Terms.All(t => ask.Lexicon.MeetingTerms.Contains(t) || MeetingQuestionTerms.Contains(t))))
        {
            return EventInfo(ask);
        }
        return null;
    }

    private static Answer Schedule(Ask ask, IReadOnlyList<(EventDay Day, IReadOnlyList<ScheduledSession> Sessions)> days)
    {
        var text = string.Join(" ", days.Select(d =>
            $"**{Format.Day(d.Day)}**: " + string.Join("; ", d.Sessions.Select(s =>
                $"{Format.Span(s.Session)} {s.Session.Title}{(s.Session.Status == SessionStatus.ToBeConfirmed ? " (TBC)" : "")}")) + "."));
        text += $" Times are {Format.ZoneLabel(ask.Knowledge.Timeline)}.";
        var sources = days.SelectMany(d => d.Sessions).Select(s => s.Session.Source).Take(1);
        return ask.ClockReply("agenda.day", text, ask.Schedule(days), sources);
    }

    private static Answer Rooms(Ask ask)
    {
        var q = ask.Question;
        var timeline = ask.Knowledge.Timeline;
        var (from, to) = SessionLinks.PartWindow(q.Part);
        var days = q.Day is { } d ? timeline.Days.Where(x => x.Day == d) : timeline.Days;
        var lines = new List<string>();
        var sources = new List<SourceRef>();
        foreach (var day in days)
        {
            var bookings = timeline.BookingsOn(day.Date, from, to);
            foreach (var b in bookings)
            {
                // A booking with nothing on the agenda in it is said so: the room is not where a session is.
                var idle = !timeline.OnDay(day.Day).Any(s => s.Session.Start < b.End && b.Start < s.Session.End);
                lines.Add($"{Format.ShortDay(day)} {Format.Time(b.Start)}–{Format.Time(b.End)}: {b.Room}{(b.Building is { } building ? $", {building}" : "")}"
                    + (idle ? $" (booked, but no session is on the agenda then; {Format.ShortDay(day)} ends at {Format.Time(timeline.OnDay(day.Day).Max(s => s.Session.End))})" : ""));
                sources.Add(b.Source);
            }
        }
        if (lines.Count == 0)
        {
            return ask.ClockReply("agenda.rooms", "The documents list no room booking for that time.", null, [timeline.Event.Source]);
        }
        var text = $"Room bookings: {string.Join("; ", lines)}.";
        var sessionsInWindow = days.SelectMany(day => timeline.OnDay(day.Day)).Where(s => SessionLinks.InPart(q, s)).ToList();
        var card = sessionsInWindow.Count > 0
            ? ask.Schedule([.. sessionsInWindow.GroupBy(s => s.Session.Day).Select(g => (timeline.DayNumbered(g.Key)!, (IReadOnlyList<ScheduledSession>)[.. g]))])
            : null;
        return ask.ClockReply("agenda.rooms", text, card, sources);
    }

    public static Answer EventInfo(Ask ask)
    {
        var timeline = ask.Knowledge.Timeline;
        var e = timeline.Event;
        var title = e.Title is { } t ? $" “{t}”" : "";
        var where = string.Join(", ", new[] { e.Venue, e.City }.Where(x => !string.IsNullOrEmpty(x)));
        var text = $"{e.Name}{title}: {Format.Dates([.. timeline.Days.Select(d => d.Date)])}, {where}.";
        if (timeline.RoomBookings.Count > 0)
        {
            text += " Rooms: " + string.Join("; ", timeline.RoomBookings.Select(b =>
                $"{b.Date.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)} {Format.Time(b.Start)}–{Format.Time(b.End)} {b.Room}")) + ".";
        }
        var days = timeline.Days.Select(d => (d, (IReadOnlyList<ScheduledSession>)[.. timeline.OnDay(d.Day)])).ToList();
        return ask.Reply("event", text, ask.Schedule(days), [e.Source]);
    }

    private static Answer Over(Ask ask)
    {
        var timeline = ask.Knowledge.Timeline;
        var text = $"{timeline.Event.Name} took place on {Format.List(timeline.Days.Select(d => Format.Date(d.Date)))}; there are no more sessions. Type **agenda** to see the programme.";
        return ask.ClockReply("agenda.over", text, null, [timeline.Event.Source]);
    }

    public static string When(Ask ask, ScheduledSession s)
    {
        var timeline = ask.Knowledge.Timeline;
        var text = $"{Format.Day(timeline.DayNumbered(s.Session.Day)!)}, {Format.Span(s.Session)} ({Format.ZoneLabel(timeline)}";
        return Format.InUserZone(s, timeline, ask.Asker.UserTimeZone) is { } local ? $"{text}; {local})" : $"{text})";
    }

    public static string SpeakerLabel(Ask ask, Speaker speaker)
    {
        var k = ask.Knowledge;
        var person = k.People.GetValueOrDefault(speaker.Person);
        var name = person?.Name ?? speaker.Person;
        var organisation = (speaker.Organisation ?? person?.Organisation) is { } o ? k.OrganisationShort(o) : null;
        var label = organisation is null ? name : $"{name} ({organisation})";
        return speaker.Remote ? $"{label}, via VC" : label;
    }

    private static string Chairs(Ask ask, Session s, string title)
    {
        if (s.Chairs.Count == 0)
        {
            return s.FacilitatedBy.Count > 0
                ? $"The chair of {title} is not named in the agenda; it is facilitated by {Format.List(s.FacilitatedBy.Select(ask.Knowledge.OrganisationLabel))}."
                : s.Speakers.Count > 0
                    ? $"The chair of {title} is not named in the agenda; it lists {Format.List(s.Speakers.Select(sp => SpeakerLabel(ask, sp)))}."
                    : $"The chair of {title} is not named in the agenda.";
        }
        var sentences = s.Chairs.GroupBy(c => c.Role).Select(g =>
        {
            var people = Format.List(g.Select(c => ChairLabel(ask, c)));
            return (g.Key, g.Count()) switch
            {
                (ChairRole.CoChair, 1) => $"{title} lists one co-chair under “Co-Chairs”: {people}; the other co-chair is not named in the agenda.",
                (ChairRole.CoChair, _) => $"{title} is co-chaired by {people}.",
                (ChairRole.Presenter, _) => $"{title} is presented by {people}.",
                _ => $"{title} is chaired by {people}.",
            };
        });
        return string.Join(" ", sentences);
    }

    private static string ChairLabel(Ask ask, SessionRole chair)
    {
        var person = ask.Knowledge.People.GetValueOrDefault(chair.Person);
        if (person is null)
        {
            return chair.Person;
        }
        var role = chair.Title ?? ask.Knowledge.PersonRole(person);
        return role.Length == 0 ? person.Name : $"{person.Name} ({role})";
    }

    private static string Preliminary(KnowledgeSnapshot k) =>
        k.Knowledge.Event.AgendaStatus is { } status ? $" (note: the agenda as a whole is {status})" : "";

    /// <summary>How many telling words of the question are neither agenda words, dates nor everyday question words.</summary>
    private static int OtherTopics(Ask ask) => ask.Question.Terms.Count(t =>
        !AgendaOnly.Contains(t) && !t.Any(char.IsDigit) && !Months.Contains(t) && !Weekdays.Contains(t)
        && ask.Lexicon.Rarity(t) > Math.Log(2) && !SessionCues.Contains(t));

    /// <summary>True when the question holds nothing but agenda words, dates and the given extras.</summary>
    private static readonly HashSet<string> MeetingQuestionTerms = ["remind", "held", "take", "place", "venue", "locat", "date", "build", "where", "happen", "run"];

    private static bool OnlyAgendaWords(ParsedQuestion q, params string[] extra)
    {
        var extraStems = extra.Select(e => Search.TextAnalysis.Stem(e) ?? e).ToHashSet();
        return q.Terms.All(t => AgendaOnly.Contains(t) || extraStems.Contains(t) || extra.Contains(t)
            || t.Any(char.IsDigit) || Months.Contains(t) || Weekdays.Contains(t));
    }

    private static string Duration(TimeSpan span) => span.TotalMinutes < 60
        ? $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} min"
        : $"{(int)span.TotalHours} h {span.Minutes:00} min";

    private static readonly HashSet<string> Months =
        [.. System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Where(m => m.Length > 0)
            .SelectMany(m => new[] { Search.TextAnalysis.Stem(m) ?? m, m.ToLowerInvariant()[..3] })];

    private static readonly HashSet<string> Weekdays =
        [.. Enum.GetNames<DayOfWeek>().Select(d => Search.TextAnalysis.Stem(d) ?? d.ToLowerInvariant())];
}
