using System.ComponentModel.DataAnnotations;

namespace GmgBot.Core.Reminders;

/// <summary>Reminder settings (configuration section "Reminders").</summary>
public sealed class RemindersOptions
{
    public const string SectionName = "Reminders";

    public const int MaxLeadMinutes = 24 * 60;

    /// <summary>Minutes before the start when no lead time is given.</summary>
    [Range(1, MaxLeadMinutes)]
    public int DefaultLeadMinutes { get; set; } = 15;

    /// <summary>
    /// How long after a session's start a reminder that could not go on time (the bot was down) is still sent, saying
    /// how long ago the session started. Later than that it is dropped and logged.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "12:00:00")]
    public TimeSpan LateGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The lead times the "Remind me" button offers.</summary>
    public static IReadOnlyList<int> LeadChoices { get; } = [5, 10, 15, 30, 60];
}
