using GmgBot.Core.Agenda;
using GmgBot.Core.Knowledge;

namespace GmgBot.Host.Tests.Calendar;

/// <summary>The shipped knowledge (copied beside the tests), loaded once per test class.</summary>
public sealed class CalendarKnowledge : IAsyncLifetime
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "knowledge");

    public KnowledgeSnapshot Snapshot { get; private set; } = null!;

    public async Task InitializeAsync() => Snapshot = new KnowledgeSnapshot(await new KnowledgeLoader().LoadAsync(Folder));

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A copy of the knowledge folder that a test may edit (and a host may load with Knowledge:Path).</summary>
    public static string CopyTo(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return folder;
    }
}
