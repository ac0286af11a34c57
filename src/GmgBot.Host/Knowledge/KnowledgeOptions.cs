namespace GmgBot.Host.Knowledge;

/// <summary>Where the knowledge lives and how the agenda is placed in time (configuration section "Knowledge").</summary>
public sealed class KnowledgeOptions
{
    public const string SectionName = "Knowledge";

    /// <summary>The knowledge folder. Empty: the copy shipped beside the bot's binaries. Relative paths are under the content root.</summary>
    public string Path { get; set; } = "";

    /// <summary>Replays the whole event from this date (yyyy-MM-dd), for demos and end-to-end tests; empty: the documents' dates.</summary>
    public DateOnly? ReplayStartDate { get; set; }

    public string ResolvePath(string contentRoot) => string.IsNullOrWhiteSpace(Path)
        ? System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge")
        : System.IO.Path.GetFullPath(Path, contentRoot);
}
