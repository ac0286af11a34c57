namespace GmgBot.Core.Reminders;

/// <summary>
/// Which sessions a delegate has asked to be reminded of (their own agenda). Owned by the reminders feature;
/// read by others, e.g. the delegate's personal calendar feed. Users are keyed by their Teams id ("29:…").
/// </summary>
public interface ISubscriptionDirectory
{
    Task<IReadOnlyList<string>> SessionIdsOfAsync(string userId, CancellationToken cancellationToken);
}
