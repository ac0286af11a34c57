using GmgBot.Core.Agenda;
using GmgBot.Core.Conversation;

namespace GmgBot.Core.Bot;

/// <summary>
/// The next steps offered under a reply that names none of its own: what the clock makes likely (now and next during
/// the event, the coming day's agenda), the user's reminders, and help. Each is a command the bot understands as typed.
/// </summary>
public sealed class FollowUps(IKnowledgeSource knowledge, TimeProvider time, IEnumerable<IBotCommandHandler> handlers)
{
    public const int Max = 4;

    private readonly bool _reminders = handlers.Any(h => h.Command == BotCommands.MyReminders);

    /// <summary>The reply with follow-ups when it has none, leaving out what the user just asked.</summary>
    public BotReply Complete(BotReply reply, string? said) =>
        reply.Suggestions.Count > 0 ? reply : reply with { Suggestions = For(said) };

    public IReadOnlyList<string> For(string? said)
    {
        var timeline = knowledge.Current.Timeline;
        var now = time.GetUtcNow();
        var suggestions = new List<string>();
        var today = timeline.DayOn(timeline.LocalDate(now));
        if (today is not null && now < timeline.OnDay(today.Day).Max(s => s.End))
        {
            suggestions.Add(Format.Capitalise(BotCommands.Now.Name));
            suggestions.Add(Format.Capitalise(BotCommands.Next.Name));
        }
        var comingDays = timeline.Days.Where(d => d.Date > timeline.LocalDate(now)).Take(today is null ? 2 : 1);
        suggestions.AddRange(comingDays.Select(d => AgendaCommand.For(d.Day)));
        if (now >= timeline.EventEnd)
        {
            suggestions.Add(AgendaCommand.For(timeline.Days[0].Day));
        }
        else if (_reminders)
        {
            suggestions.Add(Format.Capitalise(BotCommands.MyReminders.Name));
        }
        suggestions.Add(Format.Capitalise(BotCommands.Help.Name));
        return [.. suggestions.Where(s => !Same(s, said)).Take(Max)];
    }

    private static bool Same(string suggestion, string? said) =>
        said is not null && string.Equals(Normalise(suggestion), Normalise(said), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string text) => string.Join(' ', text.Trim().TrimStart('/').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
