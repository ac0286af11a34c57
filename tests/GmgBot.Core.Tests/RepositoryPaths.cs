namespace GmgBot.Core.Tests;

/// <summary>Finds the repository's folders from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Knowledge => Path.Combine(Root, "knowledge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GmgBot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("GmgBot.sln not found above " + AppContext.BaseDirectory);
    }
}
