using System.Globalization;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Delivery;
using GmgBot.Core.Knowledge;
using GmgBot.Core.Reminders;
using GmgBot.Protocol.Schema;
using Fact = GmgBot.Core.Cards.Fact;

namespace GmgBot.Core.Organizers;

public static class BroadcastVerbs
{
    public const string Preview = "broadcast.preview";
    public const string Edit = "broadcast.edit";
    public const string Send = "broadcast.send";
    public const string Automatic = "broadcast.auto";
    public const string Resend = "broadcast.resend";
    public const string Refresh = "broadcast.report";
    public const string BroadcastId = BroadcastDraft.Inputs.BroadcastId;
}

/// <summary>The organizers' cards: the broadcast composer, its preview, the confirmation and the delivery report.</summary>
public static class BroadcastCards
{
    /// <summary>"A reminder of …" and "everyone who installed the bot", for the organizers' cards.</summary>
    public static (string What, string Audience) Describe(Broadcast broadcast, Timeline timeline)
    {
        var what = broadcast.Content switch
        {
            SessionReminder r => $"A reminder of “{timeline.Find(r.Session)?.Session.Title ?? r.Session}”",
            DaySchedule d when timeline.DayNumbered(d.Day) is { } day => $"The schedule of {Format.Day(day)}",
            _ => "A message",
        };
        return (what, RecipientDirectory.Describe(broadcast.Audience, id => timeline.Find(id)?.Session.Title ?? id));
    }

    public static AdaptiveCard Composer(
        BroadcastDraft draft, Timeline timeline, IReadOnlyList<StoredConversation> groups, AutoReminderSettings auto, string? error = null)
    {
        var sessions = timeline.Sessions
            .Where(s => s.Session.Kind is not (SessionKind.Break or SessionKind.Meal or SessionKind.Registration))
            .Select(s => new Choice($"{Format.ShortDay(timeline.DayNumbered(s.Session.Day)!)} {Format.Time(s.Session.Start)} · {s.Session.Title}", s.Session.Id))
            .ToList();
        var days = timeline.Days.Select(d => new Choice(Format.Day(d), d.Day.ToString(CultureInfo.InvariantCulture))).ToList();
        var body = new List<CardElement>
        {
            CardParts.Heading("Broadcast"),
            CardParts.Subtitle($"Send a session reminder or a day's schedule. Times are {Format.ZoneLabel(timeline)}."),
        };
        if (error is not null)
        {
            body.Add(new TextBlock(error) { Color = TextColor.Attention, Weight = TextWeight.Bolder });
        }
        body.Add(new InputChoiceSet([new Choice("A session reminder", BroadcastDraft.WhatSession), new Choice("A day's schedule", BroadcastDraft.WhatSchedule)])
        {
            Id = BroadcastDraft.Inputs.What, Label = "What", Style = "expanded", Value = draft.What, IsRequired = true, ErrorMessage = "Choose what to send.",
        });
        body.Add(new InputChoiceSet(sessions) { Id = BroadcastDraft.Inputs.SessionId, Label = "Session (to remind of, or whose subscribers get it)", Style = "compact", Value = draft.SessionId ?? sessions.FirstOrDefault()?.Value });
        body.Add(new InputChoiceSet(days) { Id = BroadcastDraft.Inputs.Day, Label = "Day (for a schedule)", Style = "compact", Value = draft.Day ?? days.FirstOrDefault()?.Value });
        body.Add(new InputChoiceSet(
        [
            new Choice("Everyone who installed the bot", BroadcastDraft.ToInstalled),
            new Choice("The session's subscribers", BroadcastDraft.ToSubscribers),
            new Choice("A channel or group chat", BroadcastDraft.ToConversation),
        ])
        {
            Id = BroadcastDraft.Inputs.Audience, Label = "To", Style = "expanded", Value = draft.Audience, IsRequired = true, ErrorMessage = "Choose who should get it.",
        });
        body.Add(groups.Count == 0
            ? new TextBlock("The bot is not installed in any channel or group chat yet.") { IsSubtle = true, Size = TextSize.Small }
            : new InputChoiceSet([.. groups.Select(ConversationChoice)])
            {
                Id = BroadcastDraft.Inputs.ConversationId, Label = "Channel or group chat", Style = "compact", Value = draft.ConversationId ?? groups[0].Snapshot.ConversationId,
            });
        body.Add(new InputChoiceSet([new Choice("Now", BroadcastDraft.WhenNow), new Choice("At a set time", BroadcastDraft.WhenLater)])
        {
            Id = BroadcastDraft.Inputs.When, Label = "When", Style = "expanded", Value = draft.When, IsRequired = true, ErrorMessage = "Choose when to send.",
        });
        body.Add(new ColumnSet(
        [
            new Column([new InputDate { Id = BroadcastDraft.Inputs.Date, Label = $"Date ({Format.ZoneLabel(timeline)})", Value = draft.Date }]) { Width = "stretch" },
            new Column([new InputTime { Id = BroadcastDraft.Inputs.Time, Label = "Time", Value = draft.Time }]) { Width = "stretch" },
        ]));

        return CardParts.Card(body, "Broadcast: choose what to send, to whom and when.",
        [
            // The broadcast keeps its id from the first preview on, so that Send pressed twice sends once.
            CardParts.Button("Preview", BroadcastVerbs.Preview,
                draft.BroadcastId is { } id ? new JsonObject { [BroadcastVerbs.BroadcastId] = id } : null, ActionStyle.Positive),
            new ActionShowCard(AutomaticCard(auto, groups)) { Title = "Automatic reminders" },
        ]);
    }

    private static AdaptiveCard AutomaticCard(AutoReminderSettings auto, IReadOnlyList<StoredConversation> groups)
    {
        var audience = auto.Audience is OneConversation one ? one.ConversationId : BroadcastDraft.ToInstalled;
        return new AdaptiveCard
        {
            Body =
            [
                new TextBlock("A reminder before every session (breaks and meals aside), sent automatically.") { Wrap = true },
                new InputToggle("Send automatic reminders") { Id = BroadcastDraft.Inputs.AutoEnabled, Value = auto.Enabled ? "true" : "false" },
                new InputNumber { Id = BroadcastDraft.Inputs.AutoLead, Label = "Minutes before each session", Value = auto.LeadMinutes, Min = 1, Max = RemindersOptions.MaxLeadMinutes, IsRequired = true, ErrorMessage = $"Between 1 and {RemindersOptions.MaxLeadMinutes}." },
                new InputChoiceSet([new Choice("Everyone who installed the bot", BroadcastDraft.ToInstalled), .. groups.Select(ConversationChoice)])
                {
                    Id = BroadcastDraft.Inputs.AutoAudience, Label = "To", Style = "compact", Value = audience,
                },
            ],
            Actions = [CardParts.Button("Save", BroadcastVerbs.Automatic, style: ActionStyle.Positive)],
            Teams = null,
        };
    }

    public static AdaptiveCard Preview(BroadcastDraft draft, BroadcastPlan plan, string audience, int recipients, BotReply message, Timeline timeline)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading("Preview"),
            new FactSet(
            [
                new Fact("What", plan.What),
                new Fact("To", $"{Format.Capitalise(audience)}: {Count(recipients, "recipient")} {(plan.IsNow ? "now" : "as of now; counted again when it is sent")}"),
                new Fact("When", plan.IsNow ? "Now" : At(plan.DueAt, timeline)),
            ]),
        };
        if (recipients == 0)
        {
            body.Add(new TextBlock(plan.IsNow ? "Nobody would get it: the audience is empty." : "Nobody would get it if it were sent now.")
                { Color = TextColor.Warning, Weight = TextWeight.Bolder });
        }
        body.Add(new TextBlock("Recipients will see:") { IsSubtle = true, Separator = true, Spacing = CardSpacing.Medium });
        var shown = new List<CardElement> { new TextBlock(message.Text) };
        shown.AddRange(message.Cards.SelectMany(c => c.Body));
        body.Add(new Container(shown) { Style = ContainerStyle.Emphasis });
        return CardParts.Card(body, $"Preview: {plan.What} to {audience}.",
        [
            CardParts.Button(plan.IsNow ? "Send now" : "Schedule", BroadcastVerbs.Send, draft.ToData(), ActionStyle.Positive),
            CardParts.Button("Edit", BroadcastVerbs.Edit, draft.ToData()),
        ]);
    }

    /// <summary>What replaces the preview once the organizer pressed Send.</summary>
    public static AdaptiveCard Accepted(Broadcast broadcast, string what, string audience, Timeline timeline, DateTimeOffset now, bool alreadySent) => CardParts.Card(
        [
            CardParts.Heading(alreadySent ? "Already sent" : broadcast.DueAt <= now ? "Sending" : "Scheduled"),
            new FactSet(
            [
                new Fact("What", what),
                new Fact("To", Format.Capitalise(audience)),
                new Fact("When", broadcast.DueAt <= now ? "Now" : At(broadcast.DueAt, timeline)),
                new Fact("Broadcast", broadcast.Id),
            ]),
            new TextBlock(alreadySent
                ? "This broadcast was sent before (Send was pressed twice); nobody gets it twice. Its delivery report is in this chat."
                : "The delivery report follows in this chat and updates as messages go out.") { IsSubtle = true },
        ],
        $"Broadcast {broadcast.Id}: {what} to {audience}.");

    public static AdaptiveCard Report(
        Broadcast broadcast, string what, string audience, DeliveryTally tally, IReadOnlyList<OutboxRow> problems, Timeline timeline, DateTimeOffset now)
    {
        var delivered = tally.Sent;
        string status;
        TextColor color;
        if (tally.Total == 0 && broadcast.DueAt > now)
        {
            (status, color) = ($"Scheduled for {At(broadcast.DueAt, timeline)}; the recipients are counted then.", TextColor.Default);
        }
        else if (tally.Total == 0)
        {
            (status, color) = ("Preparing the recipients…", TextColor.Default);
        }
        else if (!tally.IsFinished)
        {
            (status, color) = ($"Sending: {delivered} of {tally.Total} delivered so far.", TextColor.Accent);
        }
        else
        {
            var missing = tally.Total - delivered;
            (status, color) = missing == 0
                ? ($"Complete: delivered to {(tally.Total == 1 ? "the one recipient" : $"all {Count(tally.Total, "recipient")}")}.", TextColor.Good)
                : ($"Complete: delivered to {delivered} of {tally.Total}; {missing} did not get it (see below).", TextColor.Warning);
        }

        var facts = new List<Fact>
        {
            new("Sent", Num(tally.Sent)),
            new("Pending", Num(tally.Pending + tally.InFlight)),
            new("Failed", Num(tally.Dead)),
            new("Unreachable", Num(tally.Unreachable)),
            new("Unconfirmed", Num(tally.Unconfirmed)),
        };
        if (tally.Expired > 0)
        {
            facts.Add(new("Expired", Num(tally.Expired)));
        }
        var body = new List<CardElement>
        {
            CardParts.Heading("Delivery report"),
            CardParts.Subtitle($"{what} → {audience}"),
            new TextBlock(status) { Color = color, Weight = TextWeight.Bolder },
            new FactSet(facts),
        };
        if (problems.Count > 0)
        {
            body.Add(new TextBlock("Not delivered") { Weight = TextWeight.Bolder, Spacing = CardSpacing.Medium });
            foreach (var row in problems)
            {
                body.Add(new TextBlock($"• {row.Message.Recipient?.DisplayName}: {StateName(row.State)}{(row.LastError is { } e ? $" — {Shorten(e, 160)}" : "")}")
                    { Size = TextSize.Small, Spacing = CardSpacing.None });
            }
            var more = tally.Dead + tally.Unreachable + tally.Unconfirmed + tally.Expired - problems.Count;
            if (more > 0)
            {
                body.Add(new TextBlock($"… and {more} more.") { Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.None });
            }
        }
        if (tally.Unconfirmed > 0)
        {
            body.Add(new TextBlock("Unconfirmed: the bot stopped or lost the connection while these were being sent. Teams has no way to ask " +
                "whether a message arrived, so they are not resent automatically; resending may give some recipients the message twice.")
                { IsSubtle = true, Size = TextSize.Small });
        }
        body.Add(CardParts.Footer($"Broadcast {broadcast.Id} by {broadcast.CreatedByName ?? "an organizer"} · updated {Format.Time(TimeOnly.FromDateTime(timeline.ToLocal(now).DateTime))} {Format.ZoneLabel(timeline)}"));

        var data = new JsonObject { [BroadcastVerbs.BroadcastId] = broadcast.Id };
        var actions = new List<CardAction> { CardParts.Button("Refresh", BroadcastVerbs.Refresh, data) };
        var resendable = tally.Unconfirmed + tally.Dead;
        if (resendable > 0 && tally.IsFinished)
        {
            actions.Add(CardParts.Button($"Resend {Count(resendable, "unconfirmed or failed message")}", BroadcastVerbs.Resend, data, ActionStyle.Destructive));
        }
        return CardParts.Card(body, $"Delivery report: {delivered} of {tally.Total} delivered.", actions);
    }

    public static AdaptiveCard AutomaticSaved(AutoReminderSettings auto, string audience) => CardParts.Card(
        [
            CardParts.Heading("Automatic reminders"),
            new TextBlock(auto.Enabled
                ? $"On: a reminder {ReminderCards.Minutes(auto.LeadMinutes)} before every session, to {audience}."
                : "Off: no automatic reminders are sent. Delegates' own reminders still go out."),
        ],
        auto.Enabled ? "Automatic reminders are on." : "Automatic reminders are off.");

    public static string At(DateTimeOffset instant, Timeline timeline)
    {
        var local = timeline.ToLocal(instant);
        return $"{local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"))} {Format.ZoneLabel(timeline)}";
    }

    public static string ConversationLabel(StoredConversation c)
    {
        var kind = c.Snapshot.ConversationType == ConversationTypes.Channel ? "Channel" : "Group chat";
        var seen = c.Snapshot.UserName is { } name ? $" (last message from {name})" : "";
        return $"{kind} {RecipientDirectory.ShortId(c.Snapshot.ConversationId)}{seen}";
    }

    private static Choice ConversationChoice(StoredConversation c) => new(ConversationLabel(c), c.Snapshot.ConversationId);

    private static string StateName(OutboxState state) => state switch
    {
        OutboxState.Dead => "failed",
        OutboxState.Unreachable => "unreachable (the bot was removed, or the user is gone)",
        OutboxState.Unconfirmed => "unconfirmed",
        OutboxState.Expired => "not sent (too late)",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Num(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{Num(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
