using System.Text.Json;
using System.Text.Json.Serialization;
using GmgBot.Core.Agenda;

namespace GmgBot.Core.Delivery;

/// <summary>
/// What a delivery says, stored in the outbox as data and turned into an activity only when it is sent, so a
/// reminder says honestly how soon (or how long ago) its session starts, and cards show the agenda as it is then.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionReminder), "sessionReminder")]
[JsonDerivedType(typeof(DaySchedule), "daySchedule")]
[JsonDerivedType(typeof(SessionChanged), "sessionChanged")]
[JsonDerivedType(typeof(SessionCardUpdate), "sessionCard")]
[JsonDerivedType(typeof(BroadcastReport), "broadcastReport")]
public abstract record DeliveryContent
{
    /// <summary>The session the message shows a card of (so the card can be updated in place when it changes).</summary>
    [JsonIgnore] public virtual string? SessionId => null;
}

/// <summary>"Starts in 15 minutes": a delegate's own reminder, or one the organizers send.</summary>
public sealed record SessionReminder(string Session, bool FromOrganizers = false) : DeliveryContent
{
    public override string? SessionId => Session;
}

/// <summary>A day's schedule, as the organizers broadcast it.</summary>
public sealed record DaySchedule(int Day) : DeliveryContent;

/// <summary>A session a subscriber follows moved, changed room or title, or left the agenda.</summary>
public sealed record SessionChanged(string Session, SessionVersion? Before, SessionVersion? After) : DeliveryContent
{
    public override string? SessionId => After is null ? null : Session;
}

/// <summary>The current card of a session, replacing one sent earlier (PUT activity); <see cref="Title"/> names it if it left the agenda.</summary>
public sealed record SessionCardUpdate(string Session, string? Title = null) : DeliveryContent
{
    public override string? SessionId => Session;
}

/// <summary>An organizer's delivery report for one broadcast.</summary>
public sealed record BroadcastReport(string BroadcastId) : DeliveryContent;

/// <summary>Who a broadcast goes to, resolved into recipients when it is due (so late installs are included).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SessionSubscribers), "subscribers")]
[JsonDerivedType(typeof(OneConversation), "conversation")]
[JsonDerivedType(typeof(InstalledUsers), "installed")]
public abstract record Audience;

/// <summary>Everyone who asked to be reminded of a session.</summary>
public sealed record SessionSubscribers(string SessionId) : Audience;

/// <summary>One channel or group chat the bot is installed in.</summary>
public sealed record OneConversation(string ConversationId) : Audience;

/// <summary>Every user who installed the bot personally.</summary>
public sealed record InstalledUsers : Audience;

public static class DeliveryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new JsonException($"Empty {typeof(T).Name}.");
}
