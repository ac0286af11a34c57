using System.Globalization;
using System.Text.RegularExpressions;

namespace GmgBot.Core.Reminders;

/// <summary>Reads "10 minutes before", "1 hour before", "half an hour before" off the start or end of a request.</summary>
public static partial class LeadTime
{
    /// <returns>The lead in minutes (the default when none is given), the rest of the text, or an error to show.</returns>
    public static (int Minutes, string Remainder, string? Error) Parse(string text, int defaultMinutes)
    {
        var rest = text.Trim().TrimEnd('?', '.', '!').Trim();
        int? minutes = null;
        foreach (var pattern in new[] { Trailing(), Leading() })
        {
            var match = pattern.Match(rest);
            if (match.Success)
            {
                minutes = ToMinutes(match.Groups["n"].Value, match.Groups["u"].Value);
                rest = (rest[..match.Index] + " " + rest[(match.Index + match.Length)..]).Trim();
                break;
            }
        }
        rest = Filler().Replace(rest, "").Trim().TrimEnd(',').Trim();
        return minutes switch
        {
            null => (defaultMinutes, rest, null),
            < 1 or > RemindersOptions.MaxLeadMinutes => (0, rest, $"I can remind you between 1 minute and {RemindersOptions.MaxLeadMinutes / 60} hours before a session."),
            { } m => (m, rest, null),
        };
    }

    private static int ToMinutes(string number, string unit)
    {
        var n = number.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1.0,
            var half when half.StartsWith("half", StringComparison.Ordinal) => 0.5,
            var digits => double.Parse(digits, CultureInfo.InvariantCulture),
        };
        var perUnit = unit.StartsWith('h') ? 60 : 1;
        return (int)Math.Round(n * perUnit);
    }

    private const string Amount = @"(?<n>\d{1,5}|an?|one|half an?)\s*(?<u>minutes?|mins?|m|hours?|hrs?|h)";

    [GeneratedRegex(@",?\s*" + Amount + @"\s+(?:before|ahead|earlier|in advance|beforehand)(?:\s+it)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Trailing();

    [GeneratedRegex(@"^" + Amount + @"\s+(?:before|ahead of)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Leading();

    [GeneratedRegex(@"^(?:me\s+)?(?:about|of|for|to attend|to go to)(?:\s+|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();
}
