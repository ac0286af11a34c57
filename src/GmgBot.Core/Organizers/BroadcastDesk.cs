using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Core.Reminders;
using Microsoft.Extensions.Logging;

namespace GmgBot.Core.Organizers;

/// <summary>
/// The organizers' side: compose, preview and send broadcasts, turn automatic reminders on or off, resend what did
/// not go. Every entry point checks that the asker is an organizer first.
/// </summary>
public sealed class BroadcastDesk(
    IOrganizers organizers,
    IKnowledgeSource knowledge,
    RecipientDirectory recipients,
    ConversationNames names,
    IOrganizerSettings settings,
    IBroadcastStore broadcasts,
    IOutbox outbox,
    DeliveryRenderer renderer,
    ReminderScheduler reminders,
    AutomaticReminders automatic,
    TimeProvider time,
    ILogger<BroadcastDesk> logger)
{
    public bool IsOrganizer(QuestionContext context) => organizers.IsOrganizer(context);

    public BotReply Refusal(QuestionContext context)
    {
        logger.LogWarning("Organizer action refused for {User} ({AadObjectId}).", context.UserId, context.AadObjectId ?? "no object id");
        var id = context.AadObjectId is { } aad ? $" (your Microsoft Entra object id is {aad})" : "";
        return BotReply.Plain("Sorry, only the meeting's organizers can send broadcasts or change automatic reminders. "
            + $"If you organize this meeting, ask the bot's administrator to add you to the organizers{id}. "
            + "You can still set your own reminders: type **remind me about** and a session.")
            .Suggesting("My reminders", "Help");
    }

    /// <summary>The composer's first step: what to send.</summary>
    public async Task<AdaptiveCard> StartAsync(CancellationToken cancellationToken) =>
        BroadcastCards.Start(await settings.GetAutoRemindersAsync(cancellationToken));

    public async Task<CardActionResult> StartAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        CardActionResult.Replacing(await StartAsync(cancellationToken));

    /// <summary>The form for what the draft sends (or the automatic reminders' settings), the channels by their names.</summary>
    public async Task<AdaptiveCard> ComposerAsync(BroadcastDraft draft, string? error, CancellationToken cancellationToken)
    {
        var groups = await NamedGroupsAsync(cancellationToken);
        return draft.What == BroadcastDraft.WhatAutomatic
            ? BroadcastCards.Automatic(await settings.GetAutoRemindersAsync(cancellationToken), groups, error)
            : BroadcastCards.Composer(draft, knowledge.Current.Timeline, groups, error);
    }

    public async Task<CardActionResult> PreviewAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var draft = BroadcastDraft.From(request.Data);
        var (plan, error) = Check(draft);
        if (plan is null)
        {
            return await ComposeAgainAsync(draft, error, cancellationToken);
        }
        draft = draft with { BroadcastId = draft.BroadcastId ?? NewId() };
        var audience = await DescribeAsync(plan.Audience, cancellationToken);
        var count = (await recipients.ResolveAsync(plan.Audience, cancellationToken)).Count;
        var sample = new OutboxMessage { JobKey = "preview", Content = plan.Content, DueAt = plan.DueAt };
        var message = await renderer.RenderAsync(sample, plan.DueAt, preview: true, cancellationToken) ?? BotReply.Plain(plan.What);
        return CardActionResult.Replacing(BroadcastCards.Preview(draft, plan, audience, count, message, knowledge.Current.Timeline));
    }

    public async Task<CardActionResult> EditAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        await ComposeAgainAsync(BroadcastDraft.From(request.Data), null, cancellationToken);

    public async Task<CardActionResult> SendAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var draft = BroadcastDraft.From(request.Data);
        var (plan, error) = Check(draft);
        if (plan is null)
        {
            return await ComposeAgainAsync(draft, error, cancellationToken);
        }
        if (await recipients.RecipientOfAsync(request.Context, cancellationToken) is not { } reportTo)
        {
            return CardActionResult.Replying(BotReply.Plain("I can't post a delivery report in this conversation; send the broadcast from a chat with me."));
        }

        var now = time.GetUtcNow();
        var broadcast = new Broadcast(draft.BroadcastId ?? NewId(), plan.Content, plan.Audience, plan.DueAt,
            request.Context.AadObjectId!, request.Context.UserName, reportTo, now);
        OutboxMessage[] deliveries =
        [
            new() { JobKey = JobKeys.Report(broadcast.Id), Recipient = reportTo, Content = new BroadcastReport(broadcast.Id), DueAt = now, BroadcastId = broadcast.Id },
            new()
            {
                JobKey = JobKeys.Broadcast(broadcast.Id),
                Kind = OutboxKind.FanOut,
                Audience = plan.Audience,
                Content = plan.Content,
                DueAt = plan.DueAt,
                NotAfter = LatestUseful(plan.Content),
                BroadcastId = broadcast.Id,
            },
        ];
        var added = await broadcasts.AddAsync(broadcast, deliveries, cancellationToken);
        var stored = added ? broadcast : await broadcasts.FindAsync(broadcast.Id, cancellationToken) ?? broadcast;
        var (what, audience) = BroadcastCards.Describe(stored, knowledge.Current.Timeline, await NamedGroupsAsync(cancellationToken));
        if (added)
        {
            logger.LogInformation("Broadcast {BroadcastId} by {Organizer}: {What} to {Audience}, due {DueAt}.", stored.Id, request.Context.AadObjectId, what, audience, stored.DueAt);
        }
        return CardActionResult.Replacing(BroadcastCards.Accepted(stored, what, audience, knowledge.Current.Timeline, now, alreadySent: !added));
    }

    public async Task<CardActionResult> SaveAutomaticAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var enabled = CardValues.Text(request.Data, BroadcastDraft.Inputs.AutoEnabled) is "true";
        var lead = CardValues.Number(request.Data, BroadcastDraft.Inputs.AutoLead);
        if (lead is not (>= 1 and <= RemindersOptions.MaxLeadMinutes))
        {
            return await ComposeAgainAsync(new BroadcastDraft { What = BroadcastDraft.WhatAutomatic },
                $"Give the minutes before each session (1 to {RemindersOptions.MaxLeadMinutes}).", cancellationToken);
        }
        var target = CardValues.Text(request.Data, BroadcastDraft.Inputs.AutoAudience);
        Audience audience = target is null or BroadcastDraft.ToInstalled ? new InstalledUsers() : new OneConversation(target);
        var auto = new AutoReminderSettings(enabled, lead.Value, audience, request.Context.AadObjectId, time.GetUtcNow());
        await automatic.SetAsync(auto, knowledge.Current.Timeline, cancellationToken);
        var label = await DescribeAsync(audience, cancellationToken);
        logger.LogInformation("Automatic reminders {State} by {Organizer}: {Lead} minutes before, to {Audience}.",
            enabled ? "on" : "off", request.Context.AadObjectId, lead, label);
        return CardActionResult.Replacing(BroadcastCards.AutomaticSaved(auto, label));
    }

    public async Task<CardActionResult> ResendAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var id = CardValues.Text(request.Data, BroadcastVerbs.BroadcastId);
        if (id is null || await broadcasts.FindAsync(id, cancellationToken) is null)
        {
            return UnknownBroadcast;
        }
        var count = await outbox.RequeueAsync(JobKeys.Broadcast(id), [OutboxState.Unconfirmed, OutboxState.Dead], time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Broadcast {BroadcastId}: {Count} unconfirmed or failed message(s) resent by {Organizer}.", id, count, request.Context.AadObjectId);
        return await ReportAsync(id, cancellationToken);
    }

    public async Task<CardActionResult> RefreshAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        CardValues.Text(request.Data, BroadcastVerbs.BroadcastId) is { } id
            ? await ReportAsync(id, cancellationToken)
            : UnknownBroadcast;

    private async Task<CardActionResult> ReportAsync(string broadcastId, CancellationToken cancellationToken)
    {
        var message = new OutboxMessage { JobKey = JobKeys.Report(broadcastId), Content = new BroadcastReport(broadcastId), DueAt = time.GetUtcNow() };
        var reply = await renderer.RenderAsync(message, time.GetUtcNow(), preview: false, cancellationToken);
        return reply is { Cards.Count: > 0 }
            ? CardActionResult.Replacing(reply.Cards[0])
            : UnknownBroadcast;
    }

    private static CardActionResult UnknownBroadcast => CardActionResult.Replying(BotReply.Plain("I don't know that broadcast any more."));

    /// <summary>The composer in place of the pressed card, with what the organizer should fix.</summary>
    private async Task<CardActionResult> ComposeAgainAsync(BroadcastDraft draft, string? error, CancellationToken cancellationToken) =>
        CardActionResult.Replacing(await ComposerAsync(draft, error, cancellationToken));

    /// <summary>The draft as a plan, refused when it would arrive too late to be of use.</summary>
    private (BroadcastPlan? Plan, string? Error) Check(BroadcastDraft draft)
    {
        var timeline = knowledge.Current.Timeline;
        var (plan, error) = draft.ToPlan(timeline, time.GetUtcNow());
        if (plan is not null && LatestUseful(plan.Content) is { } latest && plan.DueAt > latest)
        {
            return (null, plan.IsNow ? $"{plan.What}: that session is already over or well under way." : $"{plan.What}: that session will be over or well under way by then.");
        }
        return (plan, error);
    }

    private DateTimeOffset? LatestUseful(DeliveryContent content)
    {
        var timeline = knowledge.Current.Timeline;
        return content switch
        {
            SessionReminder r when timeline.Find(r.Session) is { } session => reminders.LatestSend(session),
            DaySchedule d when timeline.OnDay(d.Day).ToList() is { Count: > 0 } sessions => sessions.Max(s => s.End),
            _ => null,
        };
    }

    private async Task<string> DescribeAsync(Audience audience, CancellationToken cancellationToken) =>
        BroadcastCards.AudienceLabel(audience, knowledge.Current.Timeline, audience is OneConversation ? await NamedGroupsAsync(cancellationToken) : []);

    /// <summary>The channels and group chats the bot is in, by the names Teams gives them now.</summary>
    private async Task<IReadOnlyList<StoredConversation>> NamedGroupsAsync(CancellationToken cancellationToken) =>
        await names.NameAsync(await recipients.GroupConversationsAsync(cancellationToken), cancellationToken);

    private string NewId() => $"b{time.GetUtcNow():yyMMddHHmm}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
}
