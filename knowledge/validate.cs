#:project ../src/GmgBot.Core/GmgBot.Core.csproj
// Validates a knowledge folder and lists every error: `dotnet run knowledge/validate.cs [folder]`.
// With no folder it checks the knowledge/ folder this file sits in. Exit code 0 when the knowledge is sound.
using System.Runtime.CompilerServices;
using GmgBot.Core.Knowledge;

var folder = args.Length > 0 ? Path.GetFullPath(args[0]) : ThisFolder();
var result = await new KnowledgeLoader().TryLoadAsync(folder);
if (result.IsValid)
{
    var k = result.Knowledge!;
    Console.WriteLine($"{folder}: valid. {k.Sessions.Count} sessions, {k.People.Count} people, {k.Organisations.Count} organisations, " +
        $"{k.WorkingGroups.Count} working groups/task forces, {k.Sdg.Goals.Count} SDG goals, {k.Sdg.Targets.Count} targets, " +
        $"{k.Events.Count} dated events, {k.Facts.Count} facts, {k.Glossary.Count} glossary terms, {k.Documents.Count} documents " +
        $"({k.Documents.Sum(d => d.Sections.Count)} sections). Content hash {k.ContentHash[..12]}.");
    return 0;
}
Console.Error.WriteLine($"{folder}: {result.Errors.Count} error(s)");
foreach (var error in result.Errors)
{
    Console.Error.WriteLine($"  - {error}");
}
return 1;

static string ThisFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
