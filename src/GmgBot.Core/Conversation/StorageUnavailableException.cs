namespace GmgBot.Core.Conversation;

/// <summary>
/// The bot's database could not read or write now (locked for longer than a short wait, full, unreachable). Nothing
/// was saved by the operation that threw; the user is told to try again rather than given a misleading answer.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception innerException) : Exception(message, innerException);
