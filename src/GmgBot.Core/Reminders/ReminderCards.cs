using System.Globalization;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Reminders;

/// <summary>The reminder feature's card verbs and data names.</summary>
public static class ReminderVerbs
{
    public const string Set = "reminder.set";
    public const string Cancel = "reminder.cancel";
    /// <summary>The user's reminders: Teams' refresh of a "my reminders" card.</summary>
    public const string Mine = "reminder.mine";
    public const string SessionId = "sessionId";
    public const string ReminderId = "reminderId";
    public const string Lead = "lead";
    /// <summary>Which card the action answers with: <see cref="MineView"/>, else the session's card.</summary>
    public const string View = "view";
    public const string MineView = "mine";

    /// <summary>The lead-time input of a session's "Remind me" (one per session, so several can share a card).</summary>
    public static string LeadInput(string sessionId) => $"lead-{sessionId}";
}

/// <summary>The reminder feature's cards and words.</summary>
public static class ReminderCards
{
    /// <summary>The feature's name on session cards (<see cref="SessionOffer.Feature"/>).</summary>
    public const string Feature = "reminders";

    /// <summary>"Remind me" (or "Change"): a lead-time choice and the button that sets the reminder.</summary>
    public static ActionShowCard RemindMe(ScheduledSession session, int lead, string title = "Remind me")
    {
        var choices = RemindersOptions.LeadChoices.Append(lead).Distinct().Order()
            .Select(m => new Choice($"{Minutes(m)} before", m.ToString(CultureInfo.InvariantCulture))).ToList();
        return new ActionShowCard(new AdaptiveCard
        {
            Body =
            [
                new InputChoiceSet(choices)
                {
                    Id = ReminderVerbs.LeadInput(session.Session.Id),
                    Label = "When should I remind you?",
                    Value = lead.ToString(CultureInfo.InvariantCulture),
                    Style = "compact",
                },
            ],
            Actions = [CardParts.Button("Set reminder", ReminderVerbs.Set, new JsonObject { [ReminderVerbs.SessionId] = session.Session.Id }, ActionStyle.Positive)],
            Teams = null,
        })
        {
            Title = title,
        };
    }

    /// <summary>A session card's reminder part for a user who has one: what is set, and ways to change or cancel it.</summary>
    public static SessionOffer Offer(Reminder reminder, ScheduledSession session, Timeline timeline) => new(Feature,
    [
        RemindMe(session, reminder.LeadMinutes, "Change"),
        CancelButton(reminder, "Cancel reminder", view: null),
    ], $"⏰ Reminder set · {Short(reminder.LeadMinutes)} before · at {DueTime(reminder, session, timeline)}");

    /// <summary>The same part right after the user set it: the reminder, and Undo.</summary>
    public static SessionOffer JustSet(Reminder reminder, ScheduledSession session, Timeline timeline) => new(Feature,
        [CancelButton(reminder, "Undo", view: null)],
        $"✓ Reminder set · {Short(reminder.LeadMinutes)} before · at {DueTime(reminder, session, timeline)}");

    /// <summary>The part right after the user cancelled it: Undo sets it again as it was.</summary>
    public static SessionOffer JustCancelled(Reminder reminder) => new(Feature,
        [UndoCancel(reminder, view: null)],
        "Reminder cancelled");

    /// <summary>Why a session's card offers no reminder although the user asked for one.</summary>
    public static SessionOffer TooLate(ScheduledSession session, DateTimeOffset now) => new(Feature, [],
        session.End <= now ? "Too late for a reminder: this session has ended." : "Too late for a reminder: this session has started.");

    /// <summary>
    /// The delegate's reminders, each with Cancel; <paramref name="notice"/> says what just changed (with Undo).
    /// </summary>
    public static AdaptiveCard Mine(
        IReadOnlyList<(Reminder Reminder, ScheduledSession Session)> reminders, Timeline timeline, string? userZone, DateTimeOffset now,
        (string Text, CardAction? Undo)? notice = null)
    {
        var upcoming = reminders.Where(r => r.Session.End > now).OrderBy(r => r.Session.Start).ToList();
        var body = new List<CardElement> { CardParts.Heading("Your reminders") };
        if (notice is var (text, undo))
        {
            body.Add(CardParts.Notice("✓", text, undo is null ? [] : [new ActionSet([undo])]));
        }
        if (upcoming.Count == 0)
        {
            body.Add(new TextBlock("You have no reminders for sessions still to come. Press Remind me on a session's card, "
                + "or type remind me about and a session's name."));
        }
        foreach (var (number, (reminder, session)) in upcoming.Select((r, i) => (i + 1, r)))
        {
            body.Add(new Container(
            [
                new TextBlock($"{number} · {session.Session.Title}") { Weight = TextWeight.Bolder },
                new TextBlock($"{When(session, timeline, userZone)} · {Short(reminder.LeadMinutes)} before")
                    { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
                new ActionSet([CancelButton(reminder, "Cancel", ReminderVerbs.MineView)]) { Spacing = CardSpacing.Small },
            ]) { Separator = true, Spacing = CardSpacing.Medium });
        }
        body.Add(CardParts.Footer($"Times are {Format.ZoneLabel(timeline)}. Reminders arrive in this personal chat."));
        return CardParts.Card(body, upcoming.Count == 0 ? "You have no reminders." : $"Your reminders: {upcoming.Count}");
    }

    /// <summary>"Which session should I remind you of?": one row per candidate; tapping one sets the reminder.</summary>
    public static AdaptiveCard WhichSession(IReadOnlyList<ScheduledSession> candidates, int lead, Timeline timeline, string? userZone)
    {
        var body = new List<CardElement>
        {
            CardParts.Heading("Which session?"),
            CardParts.Subtitle($"Tap one: I'll remind you {Minutes(lead)} before it."),
        };
        body.AddRange(candidates.Select(s => CardParts.TappableRow(
            [
                new TextBlock(s.Session.Title) { Weight = TextWeight.Bolder },
                new TextBlock(When(s, timeline, userZone)) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
            ],
            CardParts.Button($"Remind me {Short(lead)} before {s.Session.Title}", ReminderVerbs.Set,
                new JsonObject { [ReminderVerbs.SessionId] = s.Session.Id, [ReminderVerbs.Lead] = lead })) with
        {
            Separator = true,
            Spacing = CardSpacing.Small,
        }));
        return CardParts.Card(body, "Which session should I remind you of?");
    }

    /// <summary>"Day 2 (Fri 17 Oct) 09:00–09:30 New York time (15:00–15:30 your time)".</summary>
    public static string When(ScheduledSession session, Timeline timeline, string? userZone)
    {
        var text = $"{Format.ShortWhen(timeline, session.Session)} {Format.ZoneLabel(timeline)}";
        return Format.InUserZone(session, timeline, userZone) is { } local ? $"{text} ({local})" : text;
    }

    /// <summary>"10:30 New York time": when a reminder goes out.</summary>
    public static string DueTime(Reminder reminder, ScheduledSession session, Timeline timeline) =>
        $"{Format.Time(TimeOnly.FromDateTime(timeline.ToLocal(session.Start.AddMinutes(-reminder.LeadMinutes)).DateTime))} {Format.ZoneLabel(timeline)}";

    /// <summary>"1 minute", "15 minutes", "1 hour", "1 hour 30 minutes".</summary>
    public static string Minutes(int minutes) => Duration(minutes, " minute", " minutes", " hour", " hours");

    /// <summary>"15 min", "1 h", "1 h 30 min": for status lines.</summary>
    public static string Short(int minutes) => Duration(minutes, " min", " min", " h", " h");

    private static ActionExecute CancelButton(Reminder reminder, string title, string? view) =>
        CardParts.Button(title, ReminderVerbs.Cancel, With(new JsonObject
        {
            [ReminderVerbs.ReminderId] = reminder.Id,
            [ReminderVerbs.SessionId] = reminder.SessionId,
        }, view));

    /// <summary>Undo of a cancellation: sets the reminder again with its lead time.</summary>
    public static ActionExecute UndoCancel(Reminder reminder, string? view) =>
        CardParts.Button("Undo", ReminderVerbs.Set, With(new JsonObject
        {
            [ReminderVerbs.SessionId] = reminder.SessionId,
            [ReminderVerbs.Lead] = reminder.LeadMinutes,
        }, view));

    private static JsonObject With(JsonObject data, string? view)
    {
        if (view is not null)
        {
            data[ReminderVerbs.View] = view;
        }
        return data;
    }

    private static string Duration(int minutes, string minute, string minutesUnit, string hour, string hoursUnit)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var h = hours switch { 0 => "", 1 => $"1{hour}", _ => $"{hours}{hoursUnit}" };
        var m = rest switch { 0 => "", 1 => $"1{minute}", _ => $"{rest}{minutesUnit}" };
        return (h, m) switch
        {
            ("", "") => $"0{minutesUnit}",
            ("", _) => m,
            (_, "") => h,
            _ => $"{h} {m}",
        };
    }
}
