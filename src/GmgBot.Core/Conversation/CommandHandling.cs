namespace GmgBot.Core.Conversation;

/// <summary>What a command handler gets: the text after the command word and who asked.</summary>
public sealed record CommandRequest(BotCommand Command, string Argument, QuestionContext Context);

/// <summary>
/// Implements one command of <see cref="BotCommands"/>. Register it in DI (AddBotCommandHandler); commands with
/// no handler go to the <see cref="IQuestionAnswerer"/> as free text.
/// </summary>
public interface IBotCommandHandler
{
    BotCommand Command { get; }

    Task<BotReply> HandleAsync(CommandRequest request, CancellationToken cancellationToken);
}
