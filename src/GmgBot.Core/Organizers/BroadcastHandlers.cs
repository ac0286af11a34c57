using GmgBot.Core.Bot;

namespace GmgBot.Core.Organizers;

/// <summary>"broadcast": the composer card, for organizers only.</summary>
public sealed class BroadcastCommand(BroadcastDesk desk) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.Broadcast;

    public async Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        desk.IsOrganizer(request.Context)
            ? BotReply.WithCard("Compose a broadcast:", await desk.ComposerAsync(new BroadcastDraft(), null, cancellationToken))
            : desk.Refusal(request.Context);
}

/// <summary>An organizer's card button: refused politely for anyone else, whatever the card they pressed it on.</summary>
public abstract class OrganizerAction(BroadcastDesk desk) : ICardActionHandler
{
    public abstract string Verb { get; }

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        desk.IsOrganizer(request.Context)
            ? HandleForOrganizerAsync(desk, request, cancellationToken)
            : Task.FromResult(CardActionResult.Replying(desk.Refusal(request.Context)));

    protected abstract Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken);
}

public sealed class PreviewBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Preview;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.PreviewAsync(request, cancellationToken);
}

public sealed class EditBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Edit;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.EditAsync(request, cancellationToken);
}

public sealed class SendBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Send;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.SendAsync(request, cancellationToken);
}

public sealed class AutomaticRemindersAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Automatic;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.SaveAutomaticAsync(request, cancellationToken);
}

public sealed class ResendBroadcastAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Resend;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.ResendAsync(request, cancellationToken);
}

public sealed class RefreshReportAction(BroadcastDesk desk) : OrganizerAction(desk)
{
    public override string Verb => BroadcastVerbs.Refresh;

    protected override Task<CardActionResult> HandleForOrganizerAsync(BroadcastDesk desk, CardActionRequest request, CancellationToken cancellationToken) =>
        desk.RefreshAsync(request, cancellationToken);
}
