namespace GmgBot.Core.Answering;

/// <summary>Greetings and thanks get a friendly line, not a search.</summary>
internal static class SmallTalk
{
    private static readonly HashSet<string> Greetings = ["hi", "hello", "hey", "hiya", "morning", "afternoon", "evening", "good", "there", "bot", "gmgbot", "yo"];
    private static readonly HashSet<string> Thanks = ["thanks", "thank", "you", "thx", "ty", "cheers", "great", "ok", "okay", "cool", "perfect", "much", "very"];

    public static Answer? TryAnswer(Ask ask)
    {
        var words = ask.Question.Words;
        if (words.Count == 0 || words.Count > 4)
        {
            return null;
        }
        if (words.All(Thanks.Contains))
        {
            return new Answer("smalltalk", "You're welcome! Ask me anything else about the meeting, or type **help**.", null, [], AnswerBasis.Conversation);
        }
        if (words.All(Greetings.Contains))
        {
            return new Answer("smalltalk",
                $"Hello! I'm the assistant for {ask.Knowledge.Knowledge.Event.Name}. Ask me about the agenda, speakers, SDG targets or the GMG's working groups, or type **help**.",
                null, [], AnswerBasis.Conversation);
        }
        return null;
    }
}
