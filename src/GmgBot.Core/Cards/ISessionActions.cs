using GmgBot.Core.Agenda;

namespace GmgBot.Core.Cards;

/// <summary>The buttons a session offers on cards ("Remind me", "Add to calendar"); supplied by the scheduling features.</summary>
public interface ISessionActions
{
    IReadOnlyList<CardAction> For(ScheduledSession session);
}

public sealed class NoSessionActions : ISessionActions
{
    public IReadOnlyList<CardAction> For(ScheduledSession session) => [];
}
