using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Search;
using GmgBot.Host.Tab;
using GmgBot.Protocol.Schema;

namespace GmgBot.Host.MessageExtension;

/// <summary>
/// The compose box's "Agenda" search: sessions, people, working groups and SDG targets as the user types, each result
/// the bot's own card for any reader of the chat; before anything is typed, what is on now and next. And the bot's own
/// links (a session's or the agenda's calendar file, the agenda page, a personal feed) unfurled into cards.
/// </summary>
public sealed class AgendaSearchExtension(IKnowledgeSource knowledge, SharedCards cards, AgendaLinks links, TimeProvider time) : IMessagingExtension
{
    /// <summary>The manifest's composeExtensions[0].commands[0].id and its parameter's name.</summary>
    public const string SearchCommandId = "searchAgenda";
    public const string QueryParameter = "query";

    /// <summary>Teams lists at most 25 results; it asks for fewer with queryOptions.count.</summary>
    public const int MaxResults = 25;

    public const int MaxQueryLength = 100;

    public Task<MessagingExtensionResponse> QueryAsync(MessagingExtensionQuery query, QuestionContext user, CancellationToken cancellationToken)
    {
        if (query.CommandId != SearchCommandId)
        {
            return Task.FromResult(MessagingExtensionResponse.Message($"This app has no search called “{query.CommandId}”."));
        }
        var snapshot = knowledge.Current;
        var text = query.IsInitialRun ? "" : query.TextOf(QueryParameter)?.Trim() ?? "";
        if (text.Length > MaxQueryLength)
        {
            return Task.FromResult(MessagingExtensionResponse.Message($"Type a few words (at most {MaxQueryLength} characters): a session, a person, a working group or an SDG target."));
        }
        var skip = Math.Max(0, query.QueryOptions?.Skip ?? 0);
        var count = Math.Clamp(query.QueryOptions?.Count ?? MaxResults, 1, MaxResults);
        var items = text.Length == 0
            ? Upcoming(snapshot)
            : KnowledgeLookup.Of(snapshot).Find(text, max: skip + count).Select(h => new SharedItem(h.Kind, h.Id));
        var results = items.Skip(skip).Take(count).Select(i => cards.Result(snapshot, i)).OfType<MessagingExtensionAttachment>().ToList();
        return Task.FromResult(results.Count > 0 || skip > 0
            ? MessagingExtensionResponse.Results(results)
            : MessagingExtensionResponse.Message($"Nothing on the agenda matches “{text}”. Try a session, a speaker or chair, a working group, or an SDG target such as 10.7."));
    }

    public Task<MessagingExtensionResponse> SelectItemAsync(JsonNode item, QuestionContext user, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        return Task.FromResult(SharedItem.From(item) is { } picked && cards.Card(snapshot, picked) is { } card
            ? MessagingExtensionResponse.Results([new MessagingExtensionAttachment { ContentType = AdaptiveCard.ContentType, Content = card.ToJson() }])
            : MessagingExtensionResponse.Message("That is no longer on the agenda. Search again for the current programme."));
    }

    public Task<MessagingExtensionResponse> QueryLinkAsync(AppBasedLinkQuery query, QuestionContext user, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var attachment = links.Read(query.Url) switch
        {
            OwnLink.Session session => cards.Result(snapshot, new SharedItem(SearchKind.Session, session.SessionId)),
            OwnLink.Agenda => Unfurled(AgendaCard(snapshot), snapshot.Timeline.Event.Name, "The agenda, kept up to date"),
            OwnLink.PersonalFeed => Unfurled(PersonalFeedCard(), "A personal GmgBot calendar", "The sessions one delegate follows"),
            _ => null,
        };
        // Not a link of ours (or a session no longer on the agenda): no card, and Teams leaves the link as it is.
        return Task.FromResult(MessagingExtensionResponse.Results(attachment is null ? [] : [attachment]));
    }

    /// <summary>What is on now, then what comes next; once the meeting is over, its whole programme.</summary>
    private IEnumerable<SharedItem> Upcoming(KnowledgeSnapshot snapshot)
    {
        var now = time.GetUtcNow();
        var sessions = snapshot.Timeline.Sessions.Where(s => s.Session.Kind is not (Core.Knowledge.SessionKind.Break or Core.Knowledge.SessionKind.Meal)).ToList();
        var ahead = sessions.Where(s => s.End > now).ToList();
        return (ahead.Count > 0 ? ahead : sessions).Select(s => new SharedItem(SearchKind.Session, s.Session.Id));
    }

    private AdaptiveCard AgendaCard(KnowledgeSnapshot snapshot)
    {
        var timeline = snapshot.Timeline;
        var days = timeline.Days.Select(d => $"{Format.ShortDay(d)}: {timeline.OnDay(d.Day).Count()} agenda items").ToList();
        return CardParts.Card(
        [
            CardParts.Heading(timeline.Event.Name),
            CardParts.Subtitle($"{timeline.Event.City} · times are {Format.ZoneLabel(timeline)}"),
            new FactSet([.. timeline.Days.Select(d => new Fact($"Day {d.Day}", $"{d.Date.ToString("ddd d MMM", Format.English)} · {timeline.OnDay(d.Day).Count()} agenda items"))])
            {
                Spacing = CardSpacing.Medium,
            },
        ], $"{timeline.Event.Name}: {string.Join("; ", days)}",
        [new ActionOpenUrl(links.Day(timeline.Days[0].Day)) { Title = "Open the agenda" }]);
    }

    private static AdaptiveCard PersonalFeedCard() => CardParts.Card(
    [
        CardParts.Heading("A personal GmgBot calendar"),
        new TextBlock("The sessions one delegate asked GmgBot to remind them of, as a calendar to subscribe to."),
        CardParts.Notice("🔒", "This link is personal: whoever has it sees its owner's sessions. To get your own, type calendar feed in a chat with GmgBot."),
    ], "A personal GmgBot calendar feed");

    private static MessagingExtensionAttachment Unfurled(AdaptiveCard card, string title, string text) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = card.ToJson(),
        Preview = new ThumbnailCard { Title = title, Text = text }.ToAttachment(),
    };
}
