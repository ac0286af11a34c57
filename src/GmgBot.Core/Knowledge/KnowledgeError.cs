namespace GmgBot.Core.Knowledge;

/// <summary>One problem in a knowledge folder: the file, the record (its id, when known) and what is wrong.</summary>
public sealed record KnowledgeError(string File, string? Record, string Message, int? Line = null)
{
    public override string ToString()
    {
        var where = Line is { } line ? $"{File}:{line}" : File;
        return Record is null ? $"{where}: {Message}" : $"{where} [{Record}]: {Message}";
    }
}

/// <summary>Thrown when a knowledge folder does not load or validate; lists every error so an organizer can fix them in one go.</summary>
public sealed class KnowledgeValidationException : Exception
{
    public KnowledgeValidationException(string directory, IReadOnlyList<KnowledgeError> errors)
        : base(Describe(directory, errors))
    {
        Directory = directory;
        Errors = errors;
    }

    public string Directory { get; }

    public IReadOnlyList<KnowledgeError> Errors { get; }

    private static string Describe(string directory, IReadOnlyList<KnowledgeError> errors) =>
        $"The knowledge in '{directory}' has {errors.Count} error(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => $"  - {e}"));
}
