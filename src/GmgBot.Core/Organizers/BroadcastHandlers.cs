using GmgBot.Core.Conversation;

namespace GmgBot.Core.Organizers;

/// <summary>"broadcast": the composer card, for organizers only.</summary>
public sealed class BroadcastCommand(BroadcastDesk desk) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.Broadcast;

    public async Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        desk.IsOrganizer(request.Context)
            ? BotReply.WithCard("Broadcast: what do you want to send?", await desk.StartAsync(cancellationToken))
            : desk.Refusal(request.Context);
}

/// <summary>
/// An organizer's card button: <paramref name="handle"/> answers it for organizers; anyone else is refused politely,
/// whatever the card they pressed it on.
/// </summary>
public abstract class OrganizerAction(
    BroadcastDesk desk, string verb, Func<CardActionRequest, CancellationToken, Task<CardActionResult>> handle) : ICardActionHandler
{
    public string Verb => verb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        desk.IsOrganizer(request.Context)
            ? handle(request, cancellationToken)
            : Task.FromResult(CardActionResult.Replying(desk.Refusal(request.Context)));
}

public sealed class StartBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Start, desk.StartAsync);

public sealed class PreviewBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Preview, desk.PreviewAsync);

public sealed class EditBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Edit, desk.EditAsync);

public sealed class SendBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Send, desk.SendAsync);

public sealed class AutomaticRemindersAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Automatic, desk.SaveAutomaticAsync);

public sealed class ResendBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Resend, desk.ResendAsync);

public sealed class RefreshReportAction(BroadcastDesk desk) : OrganizerAction(desk, BroadcastVerbs.Refresh, desk.RefreshAsync);
