using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GmgBot.Core.Answering;

/// <summary>Surface words of a text: lower case, accents folded, numbers such as 10.c and 8:00 kept whole.</summary>
internal static partial class Words
{
    public static List<string> Of(string text)
    {
        var folded = Fold(text);
        return [.. Token().Matches(folded).Select(m => Unquote(m.Value)).Where(w => w.Length > 0)];
    }

    // "what's" → "what", "delegates'" → "delegates", "o'clock" → "oclock": the analyzer reads possessives the same way.
    private static string Unquote(string word) =>
        (word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word).Replace("'", "", StringComparison.Ordinal);

    public static string Key(IEnumerable<string> words) => string.Join(' ', words);

    public static string Fold(string text)
    {
        var decomposed = text.Replace('’', '\'').Replace('‘', '\'').ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"[a-z0-9]+(?:['.:][a-z0-9]+)*'?")]
    private static partial Regex Token();
}
