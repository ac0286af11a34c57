using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Agenda;

/// <summary>A schedule row or session link pressed: answers with that session's card.</summary>
public sealed class ShowSessionAction(IKnowledgeSource knowledge, ISessionActions sessionActions) : ICardActionHandler
{
    public const string SessionIdProperty = "sessionId";

    public string Verb => AgendaCards.ShowSessionVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var snapshot = knowledge.Current;
        var id = CardValues.Text(request.Data, SessionIdProperty);
        var session = id is null ? null : snapshot.Timeline.Find(id);
        var reply = session is null
            ? BotReply.Plain("That session is no longer on the agenda. Type **agenda** to see the current programme.")
            : BotReply.WithCard($"**{session.Session.Title}**", new AgendaCards(snapshot, sessionActions).Session(session, request.Context.UserTimeZone));
        return Task.FromResult(CardActionResult.Replying(reply));
    }
}
