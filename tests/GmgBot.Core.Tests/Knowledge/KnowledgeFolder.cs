namespace GmgBot.Core.Tests.Knowledge;

/// <summary>Finds the repository's knowledge folder, and makes throw-away copies of it for tests that break things.</summary>
internal static class KnowledgeFolder
{
    public static string Shipped { get; } = Path.Combine(RepositoryRoot(), "knowledge");

    /// <summary>A fresh copy of the shipped knowledge in a temporary folder, deleted when disposed.</summary>
    public static TemporaryKnowledge Copy() => new(Shipped);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GmgBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds GmgBot.sln.");
    }
}

internal sealed class TemporaryKnowledge : IDisposable
{
    public TemporaryKnowledge(string source)
    {
        Directory = Path.Combine(Path.GetTempPath(), "gmgbot-knowledge-" + Guid.NewGuid().ToString("N"));
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Directory { get; }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>Replaces exactly one occurrence of a text in a file, so a test breaks precisely what it means to.</summary>
    public void Replace(string relative, string oldText, string newText)
    {
        var path = PathOf(relative);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{oldText}' is not in {relative}");
        Assert.True(text.IndexOf(oldText, at + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once in {relative}");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length)));
    }

    public void Append(string relative, string text) => File.AppendAllText(PathOf(relative), text);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; never fail a test over cleaning up.
        }
    }
}
