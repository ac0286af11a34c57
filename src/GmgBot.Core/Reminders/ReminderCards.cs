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
    public const string SessionId = "sessionId";
    public const string ReminderId = "reminderId";
    public const string Lead = "lead";
    /// <summary>Set on buttons whose card is only about choosing (it is replaced by the confirmation).</summary>
    public const string ReplaceCard = "replaceCard";

    /// <summary>The lead-time input of a session's "Remind me" (one per session, so several can share a schedule card).</summary>
    public static string LeadInput(string sessionId) => $"lead-{sessionId}";
}

/// <summary>The reminder feature's cards and words.</summary>
public static class ReminderCards
{
    /// <summary>"Remind me": opens a lead-time choice (default 15 minutes) and a button that sets the reminder.</summary>
    public static ActionShowCard RemindMe(ScheduledSession session, int defaultLead)
    {
        var choices = RemindersOptions.LeadChoices.Append(defaultLead).Distinct().Order()
            .Select(m => new Choice($"{Minutes(m)} before", m.ToString(CultureInfo.InvariantCulture))).ToList();
        return new ActionShowCard(new AdaptiveCard
        {
            Body =
            [
                new InputChoiceSet(choices)
                {
                    Id = ReminderVerbs.LeadInput(session.Session.Id),
                    Label = "Remind me",
                    Value = defaultLead.ToString(CultureInfo.InvariantCulture),
                    Style = "compact",
                },
            ],
            Actions = [CardParts.Button("Set reminder", ReminderVerbs.Set, new JsonObject { [ReminderVerbs.SessionId] = session.Session.Id }, ActionStyle.Positive)],
            Teams = null,
        })
        {
            Title = "Remind me",
        };
    }

    /// <summary>The delegate's reminders, each with a Cancel button.</summary>
    public static AdaptiveCard Mine(IReadOnlyList<(Reminder Reminder, ScheduledSession Session)> reminders, Timeline timeline, string? userZone, DateTimeOffset now)
    {
        var upcoming = reminders.Where(r => r.Session.End > now).OrderBy(r => r.Session.Start).ToList();
        var body = new List<CardElement>
        {
            CardParts.Heading("Your reminders"),
        };
        if (upcoming.Count == 0)
        {
            body.Add(new TextBlock("You have no reminders for sessions still to come. Press **Remind me** on a session, or type **remind me about** and a session's name."));
        }
        foreach (var (number, (reminder, session)) in upcoming.Select((r, i) => (i + 1, r)))
        {
            var when = $"{When(session, timeline, userZone)} · {Minutes(reminder.LeadMinutes)} before";
            body.Add(new Container(
            [
                new ColumnSet(
                [
                    new Column(
                    [
                        new TextBlock($"{number}. {session.Session.Title}") { Weight = TextWeight.Bolder },
                        new TextBlock(when) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
                    ]) { Width = "stretch" },
                    new Column(
                    [
                        new ActionSet([CardParts.Button("Cancel", ReminderVerbs.Cancel, new JsonObject { [ReminderVerbs.ReminderId] = reminder.Id }, ActionStyle.Destructive)]),
                    ]) { Width = "auto", VerticalContentAlignment = "Center" },
                ]),
            ]) { Separator = true, Spacing = CardSpacing.Small });
        }
        body.Add(CardParts.Footer($"Times are {Format.ZoneLabel(timeline)}. Reminders arrive in this personal chat."));
        return CardParts.Card(body, $"Your reminders: {upcoming.Count}");
    }

    /// <summary>"Which session do you mean?", one button per candidate.</summary>
    public static AdaptiveCard WhichSession(IReadOnlyList<ScheduledSession> candidates, int lead, Timeline timeline, string? userZone)
    {
        var body = new List<CardElement>
        {
            new TextBlock("Which session should I remind you of?") { Weight = TextWeight.Bolder, Size = TextSize.Medium },
        };
        foreach (var s in candidates)
        {
            body.Add(new Container(
            [
                new TextBlock(s.Session.Title) { Weight = TextWeight.Bolder },
                new TextBlock(When(s, timeline, userZone)) { IsSubtle = true, Size = TextSize.Small, Spacing = CardSpacing.None },
                new ActionSet([CardParts.Button($"Remind me {Minutes(lead)} before", ReminderVerbs.Set, new JsonObject
                {
                    [ReminderVerbs.SessionId] = s.Session.Id,
                    [ReminderVerbs.Lead] = lead,
                    [ReminderVerbs.ReplaceCard] = true,
                })]),
            ]) { Separator = true });
        }
        return CardParts.Card(body, "Which session should I remind you of?");
    }

    /// <summary>A small card that replaces a choice once it is made.</summary>
    public static AdaptiveCard Done(string text) => CardParts.Card([new TextBlock(text)], text);

    /// <summary>"Day 2 (Fri 17 Oct) 09:00–09:30 New York time (15:00–15:30 your time)".</summary>
    public static string When(ScheduledSession session, Timeline timeline, string? userZone)
    {
        var text = $"{Format.ShortWhen(timeline, session.Session)} {Format.ZoneLabel(timeline)}";
        return Format.InUserZone(session, timeline, userZone) is { } local ? $"{text} ({local})" : text;
    }

    /// <summary>"1 minute", "15 minutes", "1 hour", "1 hour 30 minutes".</summary>
    public static string Minutes(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var h = hours switch { 0 => "", 1 => "1 hour", _ => $"{hours} hours" };
        var m = rest switch { 0 => "", 1 => "1 minute", _ => $"{rest} minutes" };
        return (h, m) switch
        {
            ("", "") => "0 minutes",
            ("", _) => m,
            (_, "") => h,
            _ => $"{h} {m}",
        };
    }
}
