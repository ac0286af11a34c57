using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Agenda;

/// <summary>The buttons a session offers on cards ("Remind me", "Add to calendar"), gathered from every feature.</summary>
public interface ISessionActions
{
    IReadOnlyList<CardAction> For(ScheduledSession session);
}

/// <summary>One feature's buttons for a session; register as many as there are features.</summary>
public interface ISessionActionSource
{
    IEnumerable<CardAction> For(ScheduledSession session);
}

public sealed class SessionActions(IEnumerable<ISessionActionSource> sources) : ISessionActions
{
    public IReadOnlyList<CardAction> For(ScheduledSession session) => [.. sources.SelectMany(s => s.For(session))];
}

public sealed class NoSessionActions : ISessionActions
{
    public IReadOnlyList<CardAction> For(ScheduledSession session) => [];
}
