using System.Globalization;
using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Delivery;

namespace GmgBot.Core.Organizers;

/// <summary>
/// The broadcast composer's inputs, as they come back from the card (strings), carried from the composer to the
/// preview and on to Send. <see cref="BroadcastId"/> is given at preview, so pressing Send twice sends once.
/// </summary>
public sealed record BroadcastDraft
{
    public const string WhatSession = "session";
    public const string WhatSchedule = "schedule";
    /// <summary>Not a broadcast: the automatic reminders' settings, reached from the composer's first step.</summary>
    public const string WhatAutomatic = "automatic";
    public const string ToSubscribers = "subscribers";
    public const string ToConversation = "conversation";
    public const string ToInstalled = "installed";
    public const string WhenNow = "now";
    public const string WhenLater = "later";

    /// <summary>The ids of the composer card's inputs: the card names them, the draft reads and writes them.</summary>
    public static class Inputs
    {
        public const string What = "what";
        public const string SessionId = "sessionId";
        public const string Audience = "audience";
        public const string ConversationId = "conversationId";
        public const string When = "when";
        public const string Date = "date";
        public const string Time = "time";
        public const string Day = "day";
        public const string BroadcastId = "broadcastId";
        public const string AutoEnabled = "autoEnabled";
        public const string AutoLead = "autoLead";
        public const string AutoAudience = "autoAudience";
    }

    public string What { get; init; } = WhatSession;
    public string? SessionId { get; init; }
    public string? Day { get; init; }
    public string Audience { get; init; } = ToInstalled;
    public string? ConversationId { get; init; }
    public string When { get; init; } = WhenNow;
    public string? Date { get; init; }
    public string? Time { get; init; }
    public string? BroadcastId { get; init; }

    /// <summary>The value of a channel or group chat in the composer's "To" choice, which holds every audience in one list.</summary>
    public static string ConversationChoice(string conversationId) => $"{ToConversation}:{conversationId}";

    /// <summary>The "To" choice this draft has made.</summary>
    public string AudienceChoice => Audience == ToConversation && ConversationId is { } id ? ConversationChoice(id) : Audience;

    public static BroadcastDraft From(JsonObject data)
    {
        var audience = CardValues.Text(data, Inputs.Audience) ?? ToInstalled;
        var conversationId = CardValues.Text(data, Inputs.ConversationId);
        if (audience.StartsWith(ToConversation + ":", StringComparison.Ordinal))
        {
            (audience, conversationId) = (ToConversation, audience[(ToConversation.Length + 1)..]);
        }
        return new()
        {
            What = CardValues.Text(data, Inputs.What) ?? WhatSession,
            SessionId = CardValues.Text(data, Inputs.SessionId),
            Day = CardValues.Text(data, Inputs.Day),
            Audience = audience,
            ConversationId = conversationId,
            When = CardValues.Text(data, Inputs.When) ?? WhenNow,
            Date = CardValues.Text(data, Inputs.Date),
            Time = CardValues.Text(data, Inputs.Time),
            BroadcastId = CardValues.Text(data, Inputs.BroadcastId),
        };
    }

    public JsonObject ToData()
    {
        var data = new JsonObject { [Inputs.What] = What, [Inputs.Audience] = Audience, [Inputs.When] = When };
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                data[name] = value;
            }
        }
        Add(Inputs.SessionId, SessionId);
        Add(Inputs.Day, Day);
        Add(Inputs.ConversationId, ConversationId);
        Add(Inputs.Date, Date);
        Add(Inputs.Time, Time);
        Add(Inputs.BroadcastId, BroadcastId);
        return data;
    }

    /// <summary>What the draft asks for, checked against the agenda and the clock; an error names the input to fix.</summary>
    public (BroadcastPlan? Plan, string? Error) ToPlan(Timeline timeline, DateTimeOffset now)
    {
        var session = SessionId is null ? null : timeline.Find(SessionId);
        DeliveryContent content;
        string what;
        if (What == WhatSchedule)
        {
            if (!int.TryParse(Day, CultureInfo.InvariantCulture, out var dayNumber) || timeline.DayNumbered(dayNumber) is not { } day)
            {
                return (null, "Choose the day whose schedule to send.");
            }
            content = new DaySchedule(dayNumber);
            what = $"The schedule of {Format.Day(day)}";
        }
        else if (What == WhatSession)
        {
            if (session is null)
            {
                return (null, "Choose the session to remind people of.");
            }
            content = new SessionReminder(session.Session.Id, FromOrganizers: true);
            what = $"A reminder of “{session.Session.Title}”";
        }
        else
        {
            return (null, "Choose what to send: a session reminder or a day's schedule.");
        }

        Audience audience;
        switch (Audience)
        {
            case ToSubscribers when session is null:
                return (null, "Choose the session whose subscribers should get it.");
            case ToSubscribers:
                audience = new SessionSubscribers(session!.Session.Id);
                break;
            case ToConversation when string.IsNullOrWhiteSpace(ConversationId):
                return (null, "Choose the channel or group chat to post in.");
            case ToConversation:
                audience = new OneConversation(ConversationId!);
                break;
            case ToInstalled:
                audience = new InstalledUsers();
                break;
            default:
                return (null, "Choose who should get it.");
        }

        if (When == WhenNow)
        {
            return (new BroadcastPlan(content, audience, now, IsNow: true, what), null);
        }
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TimeOnly.TryParseExact(Time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (null, $"Give the date and time to send at ({Format.ZoneLabel(timeline)}).");
        }
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (timeline.Zone.IsInvalidTime(local))
        {
            return (null, $"{Date} {Time} does not exist in {Format.ZoneLabel(timeline)} (the clocks change then).");
        }
        var due = new DateTimeOffset(local, timeline.Zone.GetUtcOffset(local));
        if (due <= now)
        {
            return (null, $"{Date} {Time} ({Format.ZoneLabel(timeline)}) has passed; choose a later time, or Now.");
        }
        return (new BroadcastPlan(content, audience, due, IsNow: false, what), null);
    }
}

/// <summary>A checked draft: what to send, to whom, from when.</summary>
public sealed record BroadcastPlan(DeliveryContent Content, Audience Audience, DateTimeOffset DueAt, bool IsNow, string What);
