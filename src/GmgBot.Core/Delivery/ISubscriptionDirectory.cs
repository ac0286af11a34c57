namespace GmgBot.Core.Delivery;

/// <summary>
/// Who follows which session (a delegate's own agenda): the audience "a session's subscribers", and the sessions of a
/// delegate's personal calendar feed. Implemented by the reminders feature, whose reminders are the subscriptions.
/// Users are keyed by their Teams id ("29:…").
/// </summary>
public interface ISubscriptionDirectory
{
    Task<IReadOnlyList<string>> SessionIdsOfAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Where to reach each subscriber of a session (one entry per reminder; a user may appear more than once).</summary>
    Task<IReadOnlyList<Recipient>> SubscribersOfAsync(string sessionId, CancellationToken cancellationToken);
}
