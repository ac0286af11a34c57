using System.Collections.Concurrent;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Agenda;

/// <summary>A session a person takes part in, and how.</summary>
public sealed record Appearance(ScheduledSession Session, string Role, Speaker? AsSpeaker, SessionRole? AsChair);

/// <summary>
/// The knowledge base as the bot reads it: lookups by id, the agenda on the clock, how people and organisations are
/// named. Built once per load and swapped whole when the knowledge is reloaded; features keep what they derive from
/// it (a search corpus, the answering vocabulary) with it through <see cref="Derived{T}"/>.
/// </summary>
public sealed class KnowledgeSnapshot
{
    private readonly ConcurrentDictionary<Type, Lazy<object>> _derived = new();

    public KnowledgeSnapshot(KnowledgeBase knowledge, DateOnly? replayStart = null)
    {
        Knowledge = knowledge;
        Timeline = new Timeline(knowledge, replayStart);
        People = knowledge.People.ToDictionary(p => p.Id);
        Organisations = knowledge.Organisations.ToDictionary(o => o.Id);
        Groups = knowledge.WorkingGroups.ToDictionary(g => g.Id);
        Targets = knowledge.Sdg.Targets.ToDictionary(t => t.Id, StringComparer.OrdinalIgnoreCase);
        Goals = knowledge.Sdg.Goals.ToDictionary(g => g.Number);
        Documents = knowledge.Documents.ToDictionary(d => d.Id);
        Terms = knowledge.Glossary.ToDictionary(t => t.Abbreviation, StringComparer.OrdinalIgnoreCase);
        Appearances = Timeline.Sessions
            .SelectMany(s => s.Session.Chairs.Select(c => (c.Person, new Appearance(s, Roles.Of(c.Role), null, c)))
                .Concat(s.Session.Speakers.Select(sp => (sp.Person, new Appearance(s, "Speaker", sp, null)))))
            .ToLookup(x => x.Person, x => x.Item2);
    }

    public KnowledgeBase Knowledge { get; }
    public Timeline Timeline { get; }
    public IReadOnlyDictionary<string, Person> People { get; }
    public IReadOnlyDictionary<string, Organisation> Organisations { get; }
    public IReadOnlyDictionary<string, WorkingGroup> Groups { get; }
    public IReadOnlyDictionary<string, SdgTarget> Targets { get; }
    public IReadOnlyDictionary<int, SdgGoal> Goals { get; }
    public IReadOnlyDictionary<string, SourceDocument> Documents { get; }
    public IReadOnlyDictionary<string, Term> Terms { get; }
    public ILookup<string, Appearance> Appearances { get; }

    /// <summary>
    /// A view of this knowledge that a feature builds once (the search corpus, the answering vocabulary) and that
    /// lives and is replaced with the snapshot. One value per type; <paramref name="build"/> runs at most once.
    /// </summary>
    public T Derived<T>(Func<KnowledgeSnapshot, T> build) where T : class =>
        (T)_derived.GetOrAdd(typeof(T), _ => new Lazy<object>(() => build(this))).Value;

    /// <summary>
    /// Keeps with the snapshot a view computed elsewhere (asynchronously, like the documents' vectors), so everything
    /// that reads this snapshot sees the view that belongs to it. Only before the snapshot is published.
    /// </summary>
    public void Keep<T>(T value) where T : class => _derived[typeof(T)] = new Lazy<object>(value);

    /// <summary>A view kept with <see cref="Keep{T}"/> or derived, if any.</summary>
    public T? Kept<T>() where T : class => _derived.TryGetValue(typeof(T), out var value) ? (T)value.Value : null;

    public string OrganisationName(string id) => Organisations.TryGetValue(id, out var o) ? o.Name : id;

    /// <summary>"International Labour Organization (ILO)".</summary>
    public string OrganisationLabel(string id) =>
        Organisations.TryGetValue(id, out var o) && o.Acronyms.Count > 0 ? $"{o.Name} ({o.Acronyms[0]})" : OrganisationName(id);

    /// <summary>"ILO" when the organisation has an acronym, its name otherwise.</summary>
    public string OrganisationShort(string id) =>
        Organisations.TryGetValue(id, out var o) && o.Acronyms.Count > 0 ? o.Acronyms[0] : OrganisationName(id);

    public string PersonName(string id) => People.TryGetValue(id, out var p) ? p.Name : id;

    /// <summary>"Director, …, Planning Institute, Jamaica" — the person's title and organisation as the documents give them.</summary>
    public string PersonRole(Person person)
    {
        var organisation = person.Organisation is { } o ? OrganisationLabel(o) : null;
        if (person.Title is null)
        {
            return organisation ?? "";
        }
        return organisation is null || person.Title.Contains(OrganisationName(person.Organisation!), StringComparison.OrdinalIgnoreCase)
            ? person.Title
            : $"{person.Title}, {organisation}";
    }
}

public static class Roles
{
    public static string Of(ChairRole role) => role switch
    {
        ChairRole.Chair => "Chair",
        ChairRole.CoChair => "Co-Chair",
        ChairRole.Presenter => "Presenter",
        _ => role.ToString(),
    };
}
