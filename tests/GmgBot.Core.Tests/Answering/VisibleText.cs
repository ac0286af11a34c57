using System.Text.RegularExpressions;
using GmgBot.Core.Answering;
using GmgBot.Core.Cards;

namespace GmgBot.Core.Tests.Answering;

/// <summary>What a Teams user sees of an answer, flattened as ../shared/eval/run_eval.py does, and its matching rules.</summary>
internal static partial class VisibleText
{
    public static string Of(Answer answer) =>
        string.Join(" \n ", answer.Card is { } card ? [answer.Text, .. card.VisibleStrings()] : [answer.Text]);

    public static string Normalise(string s) =>
        Spaces().Replace(s.Replace('\u2019', '\'').Replace('\u2013', '-').Replace('\u2014', '-'), " ").Trim().ToLowerInvariant();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
