using System.Text.Json.Nodes;
using GmgBot.Core.Agenda;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Calendar;

/// <summary><c>calendar</c>, <c>calendar today</c>, <c>calendar feed</c>, <c>calendar revoke</c>.</summary>
public sealed class CalendarCommand(CalendarAssistant assistant) : IBotCommandHandler
{
    public BotCommand Command => BotCommands.Calendar;

    public Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
        request.Argument.ToLowerInvariant() switch
        {
            "" => assistant.OverviewAsync(request.Context, cancellationToken),
            "today" or "my schedule" or "my schedule today" => assistant.TodayAsync(request.Context, cancellationToken),
            "feed" or "link" or "my feed" => assistant.PersonalFeedAsync(request.Context, cancellationToken),
            "revoke" or "stop feed" or "revoke feed" => assistant.RevokeAsync(request.Context, cancellationToken),
            _ => Task.FromResult(BotReply.Plain(
                $"I don't know \"calendar {request.Argument}\". Try **{BotCommands.Calendar.Usage.Replace(" · ", "**, **", StringComparison.Ordinal)}**.")),
        };
}

/// <summary>
/// "Add to calendar" (a session card, one session: the card then says it is in the calendar) and "Add to Outlook" (the
/// calendar card, the chosen sessions).
/// </summary>
public sealed class AddToCalendarAction(CalendarAssistant assistant, SessionCards sessionCards) : ICardActionHandler
{
    public string Verb => CalendarCards.AddVerb;

    public async Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (reply, inCalendar) = await assistant.AddAsync(request.Context, SessionIds(request.Data), cancellationToken);
        if (inCalendar == 1 && Text(request.Data[CalendarCards.SessionIdProperty]) is { } sessionId
            && await sessionCards.ForAsync(sessionId, request.Context, personal: true, cancellationToken,
                new SessionOffer(CalendarSessionActions.Name, [], "📅 In your Outlook calendar")) is { } card)
        {
            return new CardActionResult(reply, card);
        }
        return CardActionResult.Replying(reply);
    }

    private static IReadOnlyList<string> SessionIds(JsonObject data)
    {
        var ids = new List<string>();
        if (Text(data[CalendarCards.SessionIdProperty]) is { } one)
        {
            ids.Add(one);
        }
        if (Text(data[CalendarCards.SessionIdsInput]) is { } many)
        {
            ids.AddRange(many.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return ids;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    internal static async Task<CardActionResult> Reply(Task<BotReply> reply) => CardActionResult.Replying(await reply);
}

public sealed class CalendarTodayAction(CalendarAssistant assistant) : ICardActionHandler
{
    public string Verb => CalendarCards.TodayVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        AddToCalendarAction.Reply(assistant.TodayAsync(request.Context, cancellationToken));
}

public sealed class PersonalFeedAction(CalendarAssistant assistant) : ICardActionHandler
{
    public string Verb => CalendarCards.FeedVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        AddToCalendarAction.Reply(assistant.PersonalFeedAsync(request.Context, cancellationToken));
}

/// <summary>Puts "Add to calendar" on the cards of sessions that belong in a calendar and have not ended.</summary>
public sealed class CalendarSessionActions(ICalendarFeeds feeds, TimeProvider time, IOutlookCalendar? outlook = null) : ISessionActionSource
{
    public const string Name = "calendar";

    public string Feature => Name;

    public IEnumerable<CardAction> For(ScheduledSession session)
    {
        if (CalendarEntry.Belongs(session) && session.End > time.GetUtcNow()
            && CalendarCards.AddButton(session, outlook is not null, outlook is null ? feeds.SessionUrl(session.Session.Id) : null) is { } button)
        {
            yield return button;
        }
    }
}
