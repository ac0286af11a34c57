using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Agenda;

/// <summary>A schedule row or session link pressed: answers with that session's card, as the user who pressed sees it.</summary>
public sealed class ShowSessionAction(SessionCards cards, IKnowledgeSource knowledge) : ICardActionHandler
{
    public const string SessionIdProperty = "sessionId";

    public string Verb => AgendaCards.ShowSessionVerb;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var id = CardValues.Text(request.Data, SessionIdProperty);
        var card = id is null ? null : await cards.ForAsync(id, request.Context, personal: !request.Context.IsGroup, cancellationToken);
        return CardActionResult.Replying(card is null
            ? BotReply.Plain("That session is no longer on the agenda. Type **agenda** to see the current programme.")
            : BotReply.WithCard(Summary(knowledge.Current.Timeline, knowledge.Current.Timeline.Find(id!)!), card));
    }

    /// <summary>"Reducing migration costs · Day 1 (Thu 16 Oct) 10:45–12:15 · Conference Room 6": a session in one line.</summary>
    public static string Summary(Timeline timeline, ScheduledSession session)
    {
        var when = $"{session.Session.Title} · {Format.ShortWhen(timeline, session.Session)}";
        return session.Room.Name is { } room ? $"{when} · {room}" : when;
    }
}

/// <summary>Teams asks for a session card's current state for one user (refresh), or the card asks after an action.</summary>
public sealed class RefreshSessionAction(SessionCards cards) : ICardActionHandler
{
    public string Verb => AgendaCards.RefreshSessionVerb;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        CardActionResult.Replacing(CardValues.Text(request.Data, ShowSessionAction.SessionIdProperty) is { } id
            && await cards.ForAsync(id, request.Context, personal: true, cancellationToken) is { } card
                ? card
                : SessionCards.Gone());
}
