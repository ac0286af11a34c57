namespace GmgBot.Host.Search;

/// <summary>
/// Azure AI Search could not do what the knowledge index asked (after the SDK's own retries), or rejected a document.
/// The message names the index, the operation and the service's answer; <see cref="Status"/> is the HTTP status
/// when there was one. A turn that catches it can still answer from the structured knowledge, without search.
/// </summary>
public sealed class SearchIndexException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public int? Status { get; init; }
}
