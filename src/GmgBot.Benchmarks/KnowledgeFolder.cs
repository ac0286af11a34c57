
namespace GmgBot.Benchmarks;

/// <summary>The knowledge the benchmarks load: <c>--Knowledge:Path</c>, else the copy shipped beside the binaries.</summary>
internal static class KnowledgeFolder
{
    public static string Resolve(IConfiguration configuration) =>
        configuration["Knowledge:Path"] is { Length: > 0 } path ? Path.GetFullPath(path) : Path.Combine(AppContext.BaseDirectory, "knowledge");
}
