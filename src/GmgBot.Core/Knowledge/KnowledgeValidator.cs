using System.Globalization;

namespace GmgBot.Core.Knowledge;

/// <summary>
/// Checks what a JSON Schema cannot: every id a record refers to exists, every cited document section exists, names
/// and quotations said to be printed in a section really are there, and the agenda's times are consistent.
/// </summary>
public sealed class KnowledgeValidator
{
    /// <summary>Reads and validates a knowledge folder (schemas included) and returns every error; empty when sound.</summary>
    public async Task<IReadOnlyList<KnowledgeError>> ValidateDirectoryAsync(string directory, CancellationToken cancellationToken = default) =>
        (await new KnowledgeLoader(this).TryLoadAsync(directory, cancellationToken)).Errors;

    public IReadOnlyList<KnowledgeError> Validate(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var check = new Checker(knowledge);
        check.Documents();
        check.Event();
        check.Sessions();
        check.People();
        check.Organisations();
        check.WorkingGroups();
        check.Sdg();
        check.DatedEvents();
        check.Facts();
        check.Glossary();
        return check.Errors;
    }

    /// <summary>One validation pass: the lookups it needs and the errors it found.</summary>
    private sealed class Checker
    {
        private readonly KnowledgeBase _kb;
        private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.Ordinal);
        private readonly HashSet<string> _people;
        private readonly HashSet<string> _organisations;
        private readonly HashSet<string> _workingGroups;
        private readonly HashSet<int> _goals;
        private readonly HashSet<string> _targets;

        public Checker(KnowledgeBase knowledge)
        {
            _kb = knowledge;
            foreach (var document in knowledge.Documents)
            {
                _sections.TryAdd(document.Id, document.Sections
                    .GroupBy(s => s.Heading, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => MarkdownDocuments.NormalizeSpace(g.Key + "\n" + g.First().Text), StringComparer.Ordinal));
            }
            _people = Ids(knowledge.People.Select(p => p.Id));
            _organisations = Ids(knowledge.Organisations.Select(o => o.Id));
            _workingGroups = Ids(knowledge.WorkingGroups.Select(w => w.Id));
            _goals = [.. knowledge.Sdg.Goals.Select(g => g.Number)];
            _targets = Ids(knowledge.Sdg.Targets.Select(t => t.Id));
        }

        public List<KnowledgeError> Errors { get; } = [];

        public void Documents()
        {
            foreach (var duplicate in Duplicates(_kb.Documents.Select(d => d.Id)))
            {
                Error(KnowledgeLayout.DocumentsFolder, duplicate, "two documents have this id");
            }
            foreach (var document in _kb.Documents.Where(d => d.Sections.Count == 0))
            {
                Error(KnowledgeLayout.DocumentFile(document.Id), document.Id, "the document has no headed sections");
            }
        }

        public void Event()
        {
            const string file = "event.yaml";
            var e = _kb.Event;
            Source(file, e.Id, "source", e.Source);
            foreach (var duplicate in Duplicates(e.Days.Select(d => d.Day.ToString(CultureInfo.InvariantCulture))))
            {
                Error(file, e.Id, $"day {duplicate} is listed twice");
            }
            foreach (var day in e.Days)
            {
                OptionalSource(file, e.Id, $"day {day.Day} source", day.Source);
            }
            foreach (var organiser in e.Organisers)
            {
                Reference(file, e.Id, "organiser", organiser, _organisations, "organisations.yaml");
            }
            foreach (var booking in e.RoomBookings)
            {
                var what = $"room booking {booking.Date:yyyy-MM-dd} {booking.Start:HH\\:mm}-{booking.End:HH\\:mm}";
                Source(file, e.Id, what, booking.Source);
                if (booking.Start >= booking.End)
                {
                    Error(file, e.Id, $"{what}: starts at or after it ends");
                }
                if (e.Days.All(d => d.Date != booking.Date))
                {
                    Error(file, e.Id, $"{what}: the date is not one of the event's days");
                }
            }
            foreach (var clash in Overlaps(e.RoomBookings.GroupBy(b => (b.Date, b.Room)), b => b.Start, b => b.End))
            {
                Error(file, e.Id, $"room {clash.Second.Room} is booked twice at once on {clash.Second.Date:yyyy-MM-dd}");
            }
        }

        public void Sessions()
        {
            const string file = "sessions.yaml";
            var days = _kb.Event.Days.Select(d => d.Day).ToHashSet();
            var people = _kb.People.ToDictionary(p => p.Id, StringComparer.Ordinal);
            UniqueIds(file, _kb.Sessions.Select(s => s.Id));
            foreach (var s in _kb.Sessions)
            {
                Source(file, s.Id, "source", s.Source);
                OptionalSource(file, s.Id, "descriptionSource", s.DescriptionSource);
                Printed(file, s.Id, "title", s.Title, s.Source);
                if (!days.Contains(s.Day))
                {
                    Error(file, s.Id, $"day {s.Day} is not one of the event's days ({string.Join(", ", days)})");
                }
                if (s.Start >= s.End)
                {
                    Error(file, s.Id, $"starts at {s.Start:HH\\:mm}, not before it ends at {s.End:HH\\:mm}");
                }
                foreach (var chair in s.Chairs)
                {
                    Reference(file, s.Id, "chair", chair.Person, _people, "people.yaml");
                }
                foreach (var speaker in s.Speakers)
                {
                    Reference(file, s.Id, "speaker", speaker.Person, _people, "people.yaml");
                    if (speaker.Organisation is { } organisation)
                    {
                        Reference(file, s.Id, $"organisation of speaker {speaker.Person}", organisation, _organisations, "organisations.yaml");
                    }
                    if (people.TryGetValue(speaker.Person, out var person))
                    {
                        var printed = speaker.PrintedName ?? person.Name;
                        Printed(file, s.Id, $"name of speaker {speaker.Person}", printed, s.Source);
                        if (person.Spellings.Count > 0 && person.Spellings.All(v => v.Name != printed))
                        {
                            Error(file, s.Id, $"speaker {speaker.Person} is printed '{printed}', which is not among the spellings in people.yaml");
                        }
                    }
                }
                foreach (var organisation in s.FacilitatedBy)
                {
                    Reference(file, s.Id, "facilitatedBy", organisation, _organisations, "organisations.yaml");
                }
                foreach (var group in s.JointlyOrganisedWith)
                {
                    Reference(file, s.Id, "jointlyOrganisedWith", group, _workingGroups, "working-groups.yaml");
                }
                foreach (var goal in s.SdgGoals.Where(g => !_goals.Contains(g)))
                {
                    Error(file, s.Id, $"SDG goal {goal} is not in sdg.yaml");
                }
                foreach (var target in s.SdgTargets)
                {
                    Reference(file, s.Id, "SDG target", target, _targets, "sdg.yaml");
                    if (_kb.Sdg.Targets.FirstOrDefault(t => t.Id == target) is { } known && !s.SdgGoals.Contains(known.Goal))
                    {
                        Error(file, s.Id, $"SDG target {target} belongs to goal {known.Goal}, which sdgGoals does not list");
                    }
                }
            }
            foreach (var clash in Overlaps(_kb.Sessions.GroupBy(s => s.Day), s => s.Start, s => s.End))
            {
                Error(file, clash.Second.Id, $"overlaps session '{clash.First.Id}' on day {clash.Second.Day} ({clash.First.Start:HH\\:mm}-{clash.First.End:HH\\:mm})");
            }
        }

        public void People()
        {
            const string file = "people.yaml";
            UniqueIds(file, _kb.People.Select(p => p.Id));
            foreach (var p in _kb.People)
            {
                Source(file, p.Id, "source", p.Source);
                if (p.Organisation is { } organisation)
                {
                    Reference(file, p.Id, "organisation", organisation, _organisations, "organisations.yaml");
                }
                if (p.Spellings.Count == 0)
                {
                    Error(file, p.Id, "lists no spelling; give the name as each document prints it");
                }
                foreach (var spelling in p.Spellings)
                {
                    Printed(file, p.Id, "spelling", spelling.Name, spelling.Source);
                }
            }
        }

        public void Organisations()
        {
            const string file = "organisations.yaml";
            UniqueIds(file, _kb.Organisations.Select(o => o.Id));
            foreach (var o in _kb.Organisations)
            {
                Source(file, o.Id, "source", o.Source);
                OptionalSource(file, o.Id, "gmgMemberSource", o.GmgMemberSource);
                if (o.GmgMember && o.GmgMemberSource is null)
                {
                    Error(file, o.Id, "gmgMember is true but gmgMemberSource does not say which passage shows it");
                }
            }
        }

        public void WorkingGroups()
        {
            const string file = "working-groups.yaml";
            UniqueIds(file, _kb.WorkingGroups.Select(w => w.Id));
            foreach (var w in _kb.WorkingGroups)
            {
                Source(file, w.Id, "source", w.Source);
                Source(file, w.Id, "leadsSource", w.LeadsSource);
                foreach (var lead in w.Leads)
                {
                    Reference(file, w.Id, "lead", lead, _organisations, "organisations.yaml");
                }
                foreach (var name in w.Names)
                {
                    Printed(file, w.Id, "name", name.Name, name.Source);
                }
                foreach (var claim in w.LeadClaims)
                {
                    Printed(file, w.Id, "printed leads", claim.Printed, claim.Source);
                    foreach (var lead in claim.Leads)
                    {
                        Reference(file, w.Id, "lead", lead, _organisations, "organisations.yaml");
                    }
                }
                if (w.LeadClaims.Count > 0 && !w.LeadClaims.Any(c => c.Source == w.LeadsSource && c.LeadRole == w.LeadRole && c.Leads.SequenceEqual(w.Leads)))
                {
                    Error(file, w.Id, "leads, leadRole and leadsSource must repeat one of the leadClaims");
                }
                foreach (var responsibility in w.Responsibilities)
                {
                    Source(file, w.Id, "responsibility", responsibility.Source);
                }
            }
        }

        public void Sdg()
        {
            const string file = "sdg.yaml";
            foreach (var duplicate in Duplicates(_kb.Sdg.Goals.Select(g => g.Number.ToString(CultureInfo.InvariantCulture))))
            {
                Error(file, duplicate, "goal listed twice");
            }
            UniqueIds(file, _kb.Sdg.Targets.Select(t => t.Id));
            foreach (var goal in _kb.Sdg.Goals)
            {
                var id = goal.Number.ToString(CultureInfo.InvariantCulture);
                Source(file, id, "source", goal.Source);
                if (goal.Verbatim && goal.Text is { } text)
                {
                    Printed(file, id, "verbatim text", text, goal.Source);
                }
            }
            foreach (var target in _kb.Sdg.Targets)
            {
                Source(file, target.Id, "source", target.Source);
                if (!_goals.Contains(target.Goal))
                {
                    Error(file, target.Id, $"goal {target.Goal} is not in the goals list");
                }
                if (!target.Id.StartsWith($"{target.Goal}.", StringComparison.Ordinal))
                {
                    Error(file, target.Id, $"a target of goal {target.Goal} must be numbered {target.Goal}.x");
                }
                if (target.Text is { } text)
                {
                    Printed(file, target.Id, target.Verbatim ? "verbatim text" : "text", text, target.Source);
                }
                foreach (var wording in target.OtherWordings)
                {
                    Printed(file, target.Id, "other wording", wording.Text, wording.Source);
                }
            }
        }

        public void DatedEvents()
        {
            const string file = "events.yaml";
            UniqueIds(file, _kb.Events.Select(e => e.Id));
            foreach (var e in _kb.Events)
            {
                Source(file, e.Id, "source", e.Source);
                if (e.StartDate is { } start && e.EndDate is { } end && end < start)
                {
                    Error(file, e.Id, $"endDate {end:yyyy-MM-dd} is before startDate {start:yyyy-MM-dd}");
                }
                if (e.EndDate is not null && e.StartDate is null)
                {
                    Error(file, e.Id, "endDate is given without startDate");
                }
            }
        }

        public void Facts()
        {
            const string file = "facts.yaml";
            UniqueIds(file, _kb.Facts.Select(f => f.Id));
            foreach (var fact in _kb.Facts)
            {
                if (fact.Claims.Count == 0)
                {
                    Error(file, fact.Id, "has no claim");
                }
                if (fact.Discrepancy && string.IsNullOrWhiteSpace(fact.Note))
                {
                    Error(file, fact.Id, "a discrepancy needs a note saying how the claims differ");
                }
                foreach (var claim in fact.Claims)
                {
                    Source(file, fact.Id, "claim", claim.Source);
                }
            }
        }

        public void Glossary()
        {
            const string file = "glossary.yaml";
            UniqueIds(file, _kb.Glossary.Select(t => t.Abbreviation));
            foreach (var term in _kb.Glossary)
            {
                Source(file, term.Abbreviation, "source", term.Source);
                Printed(file, term.Abbreviation, "abbreviation", term.Abbreviation, term.Source);
            }
        }

        private void Source(string file, string record, string what, SourceRef? source)
        {
            if (source is null)
            {
                Error(file, record, $"{what}: no source; name the document and section it comes from");
                return;
            }
            if (!_sections.TryGetValue(source.Document, out var sections))
            {
                Error(file, record, $"{what}: unknown document '{source.Document}' (known: {string.Join(", ", _sections.Keys)})");
            }
            else if (!sections.ContainsKey(source.Section))
            {
                Error(file, record, $"{what}: document '{source.Document}' has no section '{source.Section}' (sections: {string.Join("; ", sections.Keys)})");
            }
        }

        private void OptionalSource(string file, string record, string what, SourceRef? source)
        {
            if (source is not null)
            {
                Source(file, record, what, source);
            }
        }

        /// <summary>Text the data says is printed in a section (its heading included) must be there, word for word (white space aside).</summary>
        private void Printed(string file, string record, string what, string text, SourceRef? source)
        {
            if (source is not null
                && _sections.TryGetValue(source.Document, out var sections)
                && sections.TryGetValue(source.Section, out var sectionText)
                && !sectionText.Contains(MarkdownDocuments.NormalizeSpace(text), StringComparison.Ordinal))
            {
                Error(file, record, $"{what} '{text}' is not printed in {source.Document} › {source.Section}");
            }
        }

        private void Reference(string file, string record, string what, string id, HashSet<string> known, string where)
        {
            if (!known.Contains(id))
            {
                Error(file, record, $"{what} '{id}' is not an id in {where}");
            }
        }

        private void UniqueIds(string file, IEnumerable<string> ids)
        {
            foreach (var duplicate in Duplicates(ids))
            {
                Error(file, duplicate, "the id is used by more than one record");
            }
        }

        private void Error(string file, string? record, string message) => Errors.Add(new KnowledgeError(file, record, message));

        private static HashSet<string> Ids(IEnumerable<string> ids) => new(ids, StringComparer.Ordinal);

        private static IEnumerable<string> Duplicates(IEnumerable<string> ids) =>
            ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

        private static IEnumerable<(T First, T Second)> Overlaps<TKey, T>(IEnumerable<IGrouping<TKey, T>> groups, Func<T, TimeOnly> start, Func<T, TimeOnly> end)
        {
            foreach (var group in groups)
            {
                // Compare each item with the one reaching latest so far, so a long item clashing with a later one is caught too.
                var ordered = group.OrderBy(start).ThenBy(end).ToList();
                for (int i = 1, latest = 0; i < ordered.Count; i++)
                {
                    if (start(ordered[i]) < end(ordered[latest]))
                    {
                        yield return (ordered[latest], ordered[i]);
                    }
                    if (end(ordered[i]) > end(ordered[latest]))
                    {
                        latest = i;
                    }
                }
            }
        }
    }
}
