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
    /// <summary>The composer's first step: what to send.</summary>
    public const string Start = "broadcast.start";
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
    /// <summary>About what fits in a choice set's box on a 360 px phone.</summary>
    private const int ChoiceLength = 34;

    /// <summary>"A reminder of …" and "everyone who installed the bot", for the organizers' cards.</summary>
    public static (string What, string Audience) Describe(Broadcast broadcast, Timeline timeline, IReadOnlyList<StoredConversation> groups)
    {
        var what = broadcast.Content switch
        {
            SessionReminder r => $"A reminder of “{timeline.Find(r.Session)?.Session.Title ?? r.Session}”",
            DaySchedule d when timeline.DayNumbered(d.Day) is { } day => $"The schedule of {Format.Day(day)}",
            _ => "A message",
        };
        return (what, AudienceLabel(broadcast.Audience, timeline, groups));
    }

    /// <summary>"everyone who installed the bot", "General · GMG Secretariat", "the subscribers of …".</summary>
    public static string AudienceLabel(Audience audience, Timeline timeline, IReadOnlyList<StoredConversation> groups) => audience switch
    {
        OneConversation one when groups.FirstOrDefault(g => g.Snapshot.ConversationId == one.ConversationId) is { } group => ConversationNames.Label(group),
        _ => RecipientDirectory.Describe(audience, id => timeline.Find(id)?.Session.Title ?? id),
    };

    /// <summary>The composer's first step: what to send, each a row to tap.</summary>
    public static AdaptiveCard Start(AutoReminderSettings auto) => CardParts.Card(
        [
            CardParts.Heading("Broadcast"),
            CardParts.Subtitle("What do you want to send?"),
            Choice("📣", "A session reminder", "One session, to everyone, its subscribers or a channel", BroadcastDraft.WhatSession),
            Choice("🗓️", "A day's schedule", "One day's agenda, to everyone or a channel", BroadcastDraft.WhatSchedule),
            Choice("⏰", "Automatic reminders", auto.Enabled ? $"On: {ReminderCards.Minutes(auto.LeadMinutes)} before every session" : "Off", BroadcastDraft.WhatAutomatic),
        ],
        "Broadcast: a session reminder, a day's schedule, or automatic reminders.");

    /// <summary>
    /// The form for what the draft sends, with only the fields that kind needs: the session or the day, who gets it,
    /// and a time only when it is scheduled (Schedule… opens the date and time). No input is marked required: the bot
    /// checks them all and says what to fix, and Teams' red required cue is too faint in its dark theme.
    /// </summary>
    public static AdaptiveCard Composer(BroadcastDraft draft, Timeline timeline, IReadOnlyList<StoredConversation> groups, string? error = null)
    {
        var schedule = draft.What == BroadcastDraft.WhatSchedule;
        var body = new List<CardElement>
        {
            CardParts.Heading(schedule ? "A day's schedule" : "A session reminder"),
            CardParts.Subtitle($"Broadcast · times are {Format.ZoneLabel(timeline)}"),
        };
        if (error is not null)
        {
            body.Add(CardParts.Notice("⚠️", error));
        }
        if (schedule)
        {
            var days = timeline.Days.Select(d => new Choice($"Day {d.Day} · {d.Date.ToString("dddd d MMMM", Format.English)}", d.Day.ToString(CultureInfo.InvariantCulture))).ToList();
            body.Add(new InputChoiceSet(days)
            {
                Id = BroadcastDraft.Inputs.Day, Label = "Day", Style = "compact", Value = draft.Day ?? days[0].Value,
            });
        }
        else
        {
            var sessions = timeline.Sessions
                .Where(s => s.Session.Kind is not (SessionKind.Break or SessionKind.Meal or SessionKind.Registration))
                .Select(s => new Choice(Shorten($"Day {s.Session.Day}, {Format.Time(s.Session.Start)} · {s.Session.Title}", ChoiceLength), s.Session.Id))
                .ToList();
            body.Add(new InputChoiceSet(sessions)
            {
                Id = BroadcastDraft.Inputs.SessionId, Label = "Session", Style = "compact", Value = draft.SessionId ?? sessions.FirstOrDefault()?.Value,
            });
        }
        var audiences = new List<Choice> { new("Everyone who installed the bot", BroadcastDraft.ToInstalled) };
        if (!schedule)
        {
            audiences.Add(new("The session's subscribers (who set a reminder)", BroadcastDraft.ToSubscribers));
        }
        audiences.AddRange(groups.Select(g => new Choice(ConversationNames.Label(g), BroadcastDraft.ConversationChoice(g.Snapshot.ConversationId))));
        body.Add(new InputChoiceSet(audiences)
        {
            Id = BroadcastDraft.Inputs.Audience, Label = "To", Style = "expanded", Wrap = true, Value = draft.AudienceChoice,
        });
        if (groups.Count == 0)
        {
            body.Add(CardParts.Subtitle("To post in a channel or group chat, add the bot there first.") with { Size = TextSize.Small });
        }

        var data = draft.BroadcastId is { } id ? new JsonObject { [BroadcastVerbs.BroadcastId] = id } : new JsonObject();
        data[BroadcastDraft.Inputs.What] = draft.What;
        return CardParts.Card(body, $"Broadcast {(schedule ? "a day's schedule" : "a session reminder")}: choose {(schedule ? "the day" : "the session")} and who gets it.",
        [
            // The broadcast keeps its id from the first preview on, so that Send pressed twice sends once.
            CardParts.Button("Preview", BroadcastVerbs.Preview, With(data, BroadcastDraft.Inputs.When, BroadcastDraft.WhenNow), ActionStyle.Positive),
            new ActionShowCard(new AdaptiveCard
            {
                Body =
                [
                    new InputDate { Id = BroadcastDraft.Inputs.Date, Label = $"Date ({Format.ZoneLabel(timeline)})", Value = draft.Date },
                    new InputTime { Id = BroadcastDraft.Inputs.Time, Label = "Time", Value = draft.Time },
                ],
                Actions = [CardParts.Button("Preview", BroadcastVerbs.Preview, With(data, BroadcastDraft.Inputs.When, BroadcastDraft.WhenLater), ActionStyle.Positive)],
                Teams = null,
            }) { Title = "Schedule…" },
            CardParts.Button("‹ Back", BroadcastVerbs.Start, mode: ActionMode.Secondary),
        ]);
    }

    /// <summary>Automatic reminders before every session: on or off, how long before, to whom.</summary>
    public static AdaptiveCard Automatic(AutoReminderSettings auto, IReadOnlyList<StoredConversation> groups, string? error = null)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading("Automatic reminders"),
            CardParts.Subtitle("A reminder before every session (breaks and meals aside), sent without anyone pressing Send."),
        };
        if (error is not null)
        {
            body.Add(CardParts.Notice("⚠️", error));
        }
        body.Add(new InputToggle("Send automatic reminders") { Id = BroadcastDraft.Inputs.AutoEnabled, Value = auto.Enabled ? "true" : "false", Spacing = CardSpacing.Medium });
        body.Add(new InputNumber
        {
            Id = BroadcastDraft.Inputs.AutoLead, Label = "Minutes before each session", Value = auto.LeadMinutes, Min = 1, Max = RemindersOptions.MaxLeadMinutes,
            ErrorMessage = $"Between 1 and {RemindersOptions.MaxLeadMinutes}.",
        });
        body.Add(new InputChoiceSet([new Choice("Everyone who installed the bot", BroadcastDraft.ToInstalled), .. groups.Select(g => new Choice(ConversationNames.Label(g), g.Snapshot.ConversationId))])
        {
            Id = BroadcastDraft.Inputs.AutoAudience, Label = "To", Style = "expanded", Wrap = true,
            Value = auto.Audience is OneConversation one ? one.ConversationId : BroadcastDraft.ToInstalled,
        });
        return CardParts.Card(body, "Automatic reminders: on or off, how long before each session, and to whom.",
        [
            CardParts.Button("Save", BroadcastVerbs.Automatic, style: ActionStyle.Positive),
            CardParts.Button("‹ Back", BroadcastVerbs.Start, mode: ActionMode.Secondary),
        ]);
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
            body.Add(CardParts.Notice("⚠️", plan.IsNow ? "Nobody would get it: the audience is empty." : "Nobody would get it if it were sent now."));
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
        var missing = tally.Total - delivered;
        CardElement status = (tally.Total, tally.IsFinished, missing) switch
        {
            (0, _, _) when broadcast.DueAt > now => new TextBlock($"Scheduled for {At(broadcast.DueAt, timeline)}; the recipients are counted then.") { Weight = TextWeight.Bolder },
            (0, _, _) => new TextBlock("Preparing the recipients…") { Weight = TextWeight.Bolder },
            (_, false, _) => new TextBlock($"Sending: {delivered} of {tally.Total} delivered so far.") { Weight = TextWeight.Bolder, Color = TextColor.Accent },
            (_, true, 0) => CardParts.Notice("✓", $"Complete: delivered to {(tally.Total == 1 ? "the one recipient" : $"all {Count(tally.Total, "recipient")}")}."),
            _ => CardParts.Notice("⚠️", $"Complete: delivered to {delivered} of {tally.Total}; {missing} did not get it (see below)."),
        };

        var facts = new List<Fact>
        {
            new("Delivered", Num(tally.Sent)),
            new("Waiting", Num(tally.Pending + tally.InFlight)),
            new("Failed", Num(tally.Dead)),
            new("Can't be reached", Num(tally.Unreachable)),
            new("Unconfirmed", Num(tally.Unconfirmed)),
        };
        if (tally.Expired > 0)
        {
            facts.Add(new("Too late", Num(tally.Expired)));
        }
        var body = new List<CardElement>
        {
            CardParts.Heading("Delivery report"),
            CardParts.Subtitle($"{what} → {audience}"),
            status,
            new FactSet(facts) { Spacing = CardSpacing.Medium },
        };
        if (problems.Count > 0)
        {
            body.Add(CardParts.Subheading("Not delivered"));
            foreach (var row in problems)
            {
                body.Add(new TextBlock($"• {row.Message.Recipient?.DisplayName}: {StateName(row.State)}") { Size = TextSize.Small, Spacing = CardSpacing.None });
            }
            var more = tally.Dead + tally.Unreachable + tally.Unconfirmed + tally.Expired - problems.Count;
            if (more > 0)
            {
                body.Add(new TextBlock($"… and {more} more.") { Size = TextSize.Small, IsSubtle = true, Spacing = CardSpacing.None });
            }
        }
        var resendable = tally.Unconfirmed + tally.Dead;
        if (tally.Unconfirmed > 0)
        {
            body.Add(new TextBlock("Unconfirmed: the bot stopped or lost the connection while these were being sent. Teams cannot tell " +
                "whether they arrived, so they are not sent again by themselves.") { IsSubtle = true, Size = TextSize.Small });
        }
        if (resendable > 0 && tally.IsFinished)
        {
            body.Add(new TextBlock($"Resend sends the {Count(resendable, "failed or unconfirmed message")} again; "
                + "someone may get it twice.") { IsSubtle = true, Size = TextSize.Small });
        }
        body.Add(CardParts.Footer($"Broadcast {broadcast.Id} by {broadcast.CreatedByName ?? "an organizer"} · updated {Format.Time(TimeOnly.FromDateTime(timeline.ToLocal(now).DateTime))} {Format.ZoneLabel(timeline)}"));

        var data = new JsonObject { [BroadcastVerbs.BroadcastId] = broadcast.Id };
        var actions = new List<CardAction> { CardParts.Button("Refresh", BroadcastVerbs.Refresh, data) };
        if (resendable > 0 && tally.IsFinished)
        {
            actions.Add(CardParts.Button($"Resend {Num(resendable)}", BroadcastVerbs.Resend, data));
        }
        return CardParts.Card(body, $"Delivery report: {delivered} of {tally.Total} delivered.", actions);
    }

    public static AdaptiveCard AutomaticSaved(AutoReminderSettings auto, string audience) => CardParts.Card(
        [
            CardParts.Heading("Automatic reminders"),
            CardParts.Notice(auto.Enabled ? "✓" : "⏸️", auto.Enabled
                ? $"On: a reminder {ReminderCards.Minutes(auto.LeadMinutes)} before every session, to {audience}."
                : "Off: no automatic reminders are sent. Delegates' own reminders still go out."),
        ],
        auto.Enabled ? "Automatic reminders are on." : "Automatic reminders are off.",
        [CardParts.Button("‹ Broadcast", BroadcastVerbs.Start, mode: ActionMode.Secondary)]);

    public static string At(DateTimeOffset instant, Timeline timeline)
    {
        var local = timeline.ToLocal(instant);
        return $"{local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"))} {Format.ZoneLabel(timeline)}";
    }

    /// <summary>What happened, in words: the report says nothing of HTTP codes, which the log keeps.</summary>
    private static string StateName(OutboxState state) => state switch
    {
        OutboxState.Dead => "failed: Teams kept refusing it",
        OutboxState.Unreachable => "can't be reached: the bot was removed there, or the person left",
        OutboxState.Unconfirmed => "unconfirmed: it may have arrived",
        OutboxState.Expired => "not sent: too late to be of use",
        _ => state.ToString().ToLowerInvariant(),
    };

    private static string Num(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{Num(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    private static Container Choice(string icon, string title, string detail, string what) => CardParts.TappableRow(
        [
            new ColumnSet(
            [
                new Column([new TextBlock(icon) { Wrap = false }]) { Width = "auto" },
                new Column(
                [
                    new TextBlock(title) { Weight = TextWeight.Bolder },
                    new TextBlock(detail) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
                ]) { Width = "stretch" },
            ]),
        ],
        CardParts.Button(title, BroadcastVerbs.Edit, new JsonObject { [BroadcastDraft.Inputs.What] = what })) with
    {
        Separator = true,
        Spacing = CardSpacing.Medium,
    };

    private static JsonObject With(JsonObject data, string name, string value)
    {
        var copy = data.DeepClone().AsObject();
        copy[name] = value;
        return copy;
    }
}
