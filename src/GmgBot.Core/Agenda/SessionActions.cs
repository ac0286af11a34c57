using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Agenda;

/// <summary>
/// What a session's card offers, gathered from every feature: the buttons every reader gets, and one user's own state
/// with the buttons that fit it ("Reminder set · 15 min before", Undo).
/// </summary>
public interface ISessionActions
{
    /// <summary>The moment the cards are made for (Now, Next and Ended marks); null for a card out of time, such as a preview.</summary>
    DateTimeOffset? Now { get; }

    IReadOnlyList<CardAction> For(ScheduledSession session);

    Task<IReadOnlyList<SessionOffer>> ForUserAsync(ScheduledSession session, QuestionContext user, CancellationToken cancellationToken);
}

/// <summary>
/// One feature's part of a session's card for one user: a line that says where they stand (null: nothing to say) and
/// the buttons. <see cref="Feature"/> names the feature, so that a card action can put the offer it just changed in place.
/// </summary>
public sealed record SessionOffer(string Feature, IReadOnlyList<CardAction> Actions, string? Status = null);

/// <summary>One feature's buttons for a session; register as many as there are features.</summary>
public interface ISessionActionSource
{
    string Feature { get; }

    /// <summary>The buttons every reader gets (answers, broadcasts): none once they no longer make sense.</summary>
    IEnumerable<CardAction> For(ScheduledSession session);

    /// <summary>What <paramref name="user"/> gets: by default the same buttons.</summary>
    Task<SessionOffer> ForUserAsync(ScheduledSession session, QuestionContext user, CancellationToken cancellationToken) =>
        Task.FromResult(new SessionOffer(Feature, [.. For(session)]));
}

public sealed class SessionActions(IEnumerable<ISessionActionSource> sources, TimeProvider time) : ISessionActions
{
    public DateTimeOffset? Now => time.GetUtcNow();

    public IReadOnlyList<CardAction> For(ScheduledSession session) => [.. sources.SelectMany(s => s.For(session))];

    public async Task<IReadOnlyList<SessionOffer>> ForUserAsync(ScheduledSession session, QuestionContext user, CancellationToken cancellationToken)
    {
        var offers = new List<SessionOffer>();
        foreach (var source in sources)
        {
            offers.Add(await source.ForUserAsync(session, user, cancellationToken));
        }
        return offers;
    }
}

/// <summary>Cards without buttons and out of time: an organizer's preview, a session finder's candidates.</summary>
public sealed class NoSessionActions : ISessionActions
{
    public DateTimeOffset? Now => null;

    public IReadOnlyList<CardAction> For(ScheduledSession session) => [];

    public Task<IReadOnlyList<SessionOffer>> ForUserAsync(ScheduledSession session, QuestionContext user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionOffer>>([]);
}
