using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GmgBot.Core.Cards;
using GmgBot.Core.Conversation;
using GmgBot.Core.Knowledge;

namespace GmgBot.Core.Agenda;

/// <summary>
/// "agenda", "agenda day 2", "agenda today", "agenda tomorrow": one day's schedule as of now, with the days before and
/// after it a tap away. Anything else after "agenda" ("agenda for the inclusive cities session") is a question.
/// </summary>
public sealed partial class AgendaCommand(IKnowledgeSource knowledge, ISessionActions sessionActions, IQuestionAnswerer answerer, TimeProvider time)
    : IBotCommandHandler
{
    public BotCommand Command => BotCommands.Agenda;

    /// <summary>"Agenda day 2": the command that shows a day's schedule, as a suggestion or a button sends it.</summary>
    public static string For(int day) => $"{Format.Capitalise(BotCommands.Agenda.Name)} day {day}";

    public async Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var timeline = knowledge.Current.Timeline;
        var now = time.GetUtcNow();
        var today = timeline.LocalDate(now);
        var argument = request.Argument.Trim().TrimEnd('?', '.', '!').Trim().ToLowerInvariant();
        var day = argument switch
        {
            "" => Default(timeline, now).Day,
            "today" => timeline.DayOn(today)?.Day ?? NoSuchDay,
            "tomorrow" => timeline.DayOn(today.AddDays(1))?.Day ?? NoSuchDay,
            _ when DayNumber().Match(argument) is { Success: true } m => Number(m.Groups["n"].Value),
            _ => (int?)null,
        };
        if (day is null)
        {
            return await answerer.AnswerAsync($"{BotCommands.Agenda.Name} {request.Argument}", request.Context, cancellationToken);
        }
        return Day(day.Value, request.Context, argument);
    }

    /// <summary>The reply that shows a day; a day the meeting does not have says how many days it has.</summary>
    public BotReply Day(int number, QuestionContext context, string asked = "")
    {
        var snapshot = knowledge.Current;
        var timeline = snapshot.Timeline;
        if (timeline.DayNumbered(number) is not { } day)
        {
            var which = asked is "today" or "tomorrow" ? $"There are no sessions {asked}" : number == NoSuchDay ? "There is no such day" : $"There is no day {number}";
            var days = Format.List(timeline.Days.Select(d => $"Day {d.Day}, {Format.Date(d.Date)}"));
            return BotReply.Plain($"{which}: {timeline.Event.Name} has {Count(timeline.Days.Count)}: {days}.")
                .Suggesting(timeline.Days.Select(d => For(d.Day)));
        }
        var sessions = timeline.OnDay(day.Day).ToList();
        var card = new AgendaCards(snapshot, sessionActions).Schedule([(day, sessions)], context.UserTimeZone) with
        {
            Refresh = CardParts.RefreshFor(context.UserId, AgendaCards.DayVerb, new JsonObject { [AgendaCards.DayProperty] = day.Day }),
        };
        var summary = $"{Format.Day(day)}: {sessions.Count} agenda items, {Format.Time(sessions[0].Session.Start)}–{Format.Time(sessions[^1].Session.End)} {Format.ZoneLabel(timeline)}.";
        return BotReply.WithCard(summary, card);
    }

    /// <summary>The day "agenda" means: today during the event, the next day before it and between days, day 1 after it.</summary>
    private static EventDay Default(Timeline timeline, DateTimeOffset now) =>
        timeline.Days.FirstOrDefault(d => d.Date >= timeline.LocalDate(now)) ?? timeline.Days[0];

    private const int NoSuchDay = -1;

    private static int Number(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
        ? n
        : Array.IndexOf(Words, text) + 1;

    private static readonly string[] Words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    private static string Count(int days) => days == 1 ? "one day" : $"{(days <= Words.Length ? Words[days - 1] : days.ToString(CultureInfo.InvariantCulture))} days";

    [GeneratedRegex(@"^(?:on\s+)?(?:day\s*)?(?<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)$")]
    private static partial Regex DayNumber();
}

/// <summary>"‹ Day 1", "Day 2 ›" on a schedule, and Teams' refresh of one: the day's schedule in place of the card.</summary>
public sealed class AgendaDayAction(AgendaCommand agenda) : ICardActionHandler
{
    public string Verb => AgendaCards.DayVerb;

    public Task<CardActionResult> HandleAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var reply = agenda.Day(CardValues.Number(request.Data, AgendaCards.DayProperty) ?? 0, request.Context);
        return Task.FromResult(reply.Cards.Count > 0 ? CardActionResult.Replacing(reply.Cards[0]) : CardActionResult.Replying(reply));
    }
}
