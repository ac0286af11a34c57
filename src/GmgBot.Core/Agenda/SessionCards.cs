using System.Text.Json.Nodes;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Agenda;

/// <summary>
/// Session cards for one user: their own state in each feature (a reminder set, …) with the buttons that fit it, and a
/// refresh that lets Teams bring the card up to date for them whenever it is shown again (Universal Actions).
/// </summary>
public sealed class SessionCards(IKnowledgeSource knowledge, ISessionActions sessionActions)
{
    /// <summary>
    /// The session's card for <paramref name="user"/>; null when the session left the agenda. <paramref name="personal"/>:
    /// their own view (a 1:1 chat, an Action.Execute answer, a refresh); otherwise the view every reader of a shared chat
    /// gets, which Teams then refreshes for the user. <paramref name="changed"/>: a feature's offer as the action that
    /// just ran it puts it ("Reminder set · Undo"), in place of what the feature would say by itself.
    /// </summary>
    public async Task<AdaptiveCard?> ForAsync(
        string sessionId, QuestionContext user, bool personal, CancellationToken cancellationToken, SessionOffer? changed = null)
    {
        var snapshot = knowledge.Current;
        if (snapshot.Timeline.Find(sessionId) is not { } session)
        {
            return null;
        }
        IReadOnlyList<SessionOffer>? offers = null;
        if (personal)
        {
            offers = [.. (await sessionActions.ForUserAsync(session, user, cancellationToken)).Select(o => o.Feature == changed?.Feature ? changed : o)];
        }
        var card = new AgendaCards(snapshot, sessionActions).Session(session, user.UserTimeZone, offers);
        return card with
        {
            Refresh = CardParts.RefreshFor(user.UserId, AgendaCards.RefreshSessionVerb, new JsonObject { [ShowSessionAction.SessionIdProperty] = sessionId }),
        };
    }

    /// <summary>What replaces a card whose session left the agenda.</summary>
    public static AdaptiveCard Gone() => CardParts.Card(
        [CardParts.Notice("ℹ️", "That session is no longer on the agenda. Type agenda to see the current programme.")],
        "That session is no longer on the agenda.");
}
