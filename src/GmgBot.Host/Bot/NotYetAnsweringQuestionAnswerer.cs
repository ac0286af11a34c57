using GmgBot.Core.Bot;

namespace GmgBot.Host.Bot;

/// <summary>Stands in until the knowledge-based answerer is registered: says so honestly and points to help.</summary>
public sealed class NotYetAnsweringQuestionAnswerer : IQuestionAnswerer
{
    public BotReply Answer(string question, QuestionContext context) =>
        BotReply.Plain("I can't answer questions in my own words yet. Type **help** to see what I can do.");
}
