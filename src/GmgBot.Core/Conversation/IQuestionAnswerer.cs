namespace GmgBot.Core.Conversation;

/// <summary>Who asks, from where and when: what a time-relative or personal answer needs.</summary>
public sealed record QuestionContext
{
    /// <summary>The user's Teams id ("29:…").</summary>
    public string? UserId { get; init; }
    public string? AadObjectId { get; init; }
    public string? UserName { get; init; }
    public string? Locale { get; init; }
    /// <summary>IANA time zone from the Teams clientInfo entity, when the client sent one.</summary>
    public string? UserTimeZone { get; init; }
    public string? ConversationId { get; init; }
    public bool IsGroup { get; init; }
}

/// <summary>Answers a free-text question (after the bot's own commands have had their turn).</summary>
/// <remarks>Asynchronous because a deployment may search a remote index (Azure AI Search); the embedded one completes synchronously.</remarks>
public interface IQuestionAnswerer
{
    ValueTask<BotReply> AnswerAsync(string question, QuestionContext context, CancellationToken cancellationToken = default);
}
