using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GmgBot.Core.Agenda;
using GmgBot.Core.Answering;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Search;
using GmgBot.Host.Tab;
using GmgBot.Protocol.Schema;

namespace GmgBot.Host.MessageExtension;

/// <summary>What a shared card stands for: the kind and id of a record, as a result's preview carries it back (selectItem).</summary>
public sealed record SharedItem(SearchKind Kind, string Id)
{
    private const string KindProperty = "kind";
    private const string IdProperty = "id";

    public JsonObject ToJson() => new() { [KindProperty] = Kind.ToString(), [IdProperty] = Id };

    public static SharedItem? From(JsonNode? value) =>
        value is JsonObject data && CardValues.Text(data, KindProperty) is { } kind && Enum.TryParse<SearchKind>(kind, out var parsed)
        && CardValues.Text(data, IdProperty) is { } id
            ? new SharedItem(parsed, id)
            : null;
}

/// <summary>
/// The bot's own cards (a session, a person, a working group, an SDG target) as they go into any chat from the compose
/// box: whoever reads them there may never have chatted with the bot, so buttons that would send the bot a message
/// (open a session, run a command) open the agenda tab instead; buttons the bot answers in place (Remind me, Add to
/// Outlook: Universal Actions, which reach the bot from any chat the app is in) and links stay.
/// </summary>
public sealed partial class SharedCards(ISessionActions sessionActions, AgendaLinks links)
{
    public MessagingExtensionAttachment? Result(KnowledgeSnapshot knowledge, SharedItem item) =>
        Card(knowledge, item) is { } card && Preview(knowledge, item) is { } preview
            ? new MessagingExtensionAttachment { ContentType = AdaptiveCard.ContentType, Content = card.ToJson(), Preview = preview.ToAttachment() }
            : null;

    public AdaptiveCard? Card(KnowledgeSnapshot knowledge, SharedItem item)
    {
        var agenda = new AgendaCards(knowledge, sessionActions);
        var answers = new AnswerCards(knowledge, agenda);
        var card = item.Kind switch
        {
            SearchKind.Session when knowledge.Timeline.Find(item.Id) is { } session => agenda.Session(session, userZone: null),
            SearchKind.Person when knowledge.People.TryGetValue(item.Id, out var person) => answers.Person(person, [.. knowledge.Appearances[person.Id]]),
            SearchKind.Group when knowledge.Groups.TryGetValue(item.Id, out var group) => answers.Group(group),
            SearchKind.Target when knowledge.Targets.TryGetValue(item.Id, out var target) => answers.Target(target, SessionsOn(knowledge, target.Id)),
            _ => null,
        };
        return card?.MapActions(ForAnyReader);
    }

    /// <summary>How the result list shows a record: its name, where and when (or what it is), and the tap that picks it.</summary>
    public ThumbnailCard? Preview(KnowledgeSnapshot knowledge, SharedItem item)
    {
        var (title, text) = item.Kind switch
        {
            SearchKind.Session when knowledge.Timeline.Find(item.Id) is { } s => (s.Session.Title, SessionLine(knowledge, s)),
            SearchKind.Person when knowledge.People.TryGetValue(item.Id, out var p) => (p.Name, knowledge.PersonRole(p)),
            SearchKind.Group when knowledge.Groups.TryGetValue(item.Id, out var g) =>
                (g.Name, $"{(g.Kind == Core.Knowledge.GroupKind.TaskForce ? "Task force" : "Working group")} · {Format.List(g.Leads.Select(knowledge.OrganisationShort))}"),
            SearchKind.Target when knowledge.Targets.TryGetValue(item.Id, out var t) => ($"SDG target {t.Id}", t.Text ?? "Cited by number only"),
            _ => (null, null),
        };
        return title is null ? null : new ThumbnailCard
        {
            Title = title,
            Text = text,
            Tap = new SuggestedAction { Type = ActionTypes.Invoke, Title = title, Value = item.ToJson() },
        };
    }

    /// <summary>"Day 1 (Thu 16 Oct) 10:45–12:15 · Conference Room 6".</summary>
    public static string SessionLine(KnowledgeSnapshot knowledge, ScheduledSession session) =>
        session.Room.Name is { } room ? $"{Format.ShortWhen(knowledge.Timeline, session.Session)} · {room}" : Format.ShortWhen(knowledge.Timeline, session.Session);

    public static IReadOnlyList<ScheduledSession> SessionsOn(KnowledgeSnapshot knowledge, string targetId) =>
        [.. knowledge.Timeline.Sessions.Where(s => s.Session.SdgTargets.Contains(targetId, StringComparer.OrdinalIgnoreCase))];

    private CardAction? ForAnyReader(CardAction action)
    {
        if (action is not ActionSubmit { Data: { } data } submit)
        {
            return action;
        }
        var verb = CardValues.Text(data, CardParts.SubmitVerbProperty);
        if (verb == AgendaCards.ShowSessionVerb && CardValues.Text(data, ShowSessionAction.SessionIdProperty) is { } sessionId)
        {
            return new ActionOpenUrl(links.Session(sessionId)) { Title = submit.Title, Mode = submit.Mode };
        }
        if (verb == BotCommands.SendVerb && CardValues.Text(data, BotCommands.SendProperty) is { } command
            && AgendaDay().Match(command) is { Success: true } day)
        {
            return new ActionOpenUrl(links.Day(int.Parse(day.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                Title = submit.Title,
                Mode = submit.Mode,
            };
        }
        return null;
    }

    [GeneratedRegex(@"^agenda day (?<day>\d{1,2})$")]
    private static partial Regex AgendaDay();
}
