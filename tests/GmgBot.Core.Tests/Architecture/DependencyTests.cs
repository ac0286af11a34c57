using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using GmgBot.Core.Answering;
using GmgBot.Protocol;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace GmgBot.Core.Tests.Architecture;

/// <summary>
/// Core's folders form a graph without cycles, lowest first; a folder uses only folders below it. The features
/// (answering, reminders, broadcasts, calendars) stand side by side and do not use each other, except that organizers'
/// automatic reminders follow the reminders' timing. Core knows nothing of the host, ASP.NET, Azure, Graph or SQL.
/// </summary>
public sealed class DependencyTests
{
    private const string Core = "GmgBot.Core";

    /// <summary>Each folder of Core with the folders it may use. A new folder must be placed here.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        ["Knowledge"] = [],
        ["Cards"] = [],
        ["Conversation"] = ["Cards"],
        ["Agenda"] = ["Knowledge", "Cards", "Conversation"],
        ["Search"] = ["Knowledge", "Agenda"],
        ["Delivery"] = ["Knowledge", "Cards", "Conversation", "Agenda"],
        ["Answering"] = ["Knowledge", "Cards", "Conversation", "Agenda", "Search"],
        ["Reminders"] = ["Knowledge", "Cards", "Conversation", "Agenda", "Search", "Delivery"],
        ["Organizers"] = ["Knowledge", "Cards", "Conversation", "Agenda", "Search", "Delivery", "Reminders"],
        ["Calendar"] = ["Knowledge", "Cards", "Conversation", "Agenda", "Search", "Delivery"],
        ["Bot"] = ["Knowledge", "Cards", "Conversation", "Agenda", "Search", "Delivery"],
    };

    private static readonly ArchUnitNET.Domain.Architecture Code =
        new ArchLoader().LoadAssemblies(typeof(AnswerEngine).Assembly, typeof(IBot).Assembly).Build();

    public static TheoryData<string> Folders => [.. MayUse.Keys];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_uses_only_the_folders_below_it(string folder)
    {
        var forbidden = MayUse.Keys.Where(f => f != folder && !MayUse[folder].Contains(f));

        IArchRule rule = Types().That().ResideInNamespace($"{Core}.{folder}")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching($@"^{Core.Replace(".", @"\.", StringComparison.Ordinal)}\.({string.Join('|', forbidden)})$"))
            .Because($"{folder} may use only {(MayUse[folder].Length == 0 ? "nothing else in Core" : string.Join(", ", MayUse[folder]))}");

        rule.Check(Code);
    }

    [Fact]
    public void Every_folder_of_core_has_its_place_in_the_order()
    {
        var namespaces = Code.Namespaces.Select(n => n.FullName).Where(n => n.StartsWith($"{Core}.", StringComparison.Ordinal));

        Assert.All(namespaces, n => Assert.Contains(n[(Core.Length + 1)..], MayUse.Keys));
    }

    [Fact]
    public void The_allowed_uses_have_no_cycle()
    {
        var placed = new List<string>();
        var remaining = MayUse.Keys.ToHashSet();
        while (remaining.Count > 0)
        {
            var next = remaining.Where(f => MayUse[f].All(placed.Contains)).ToList();
            Assert.True(next.Count > 0, $"These folders use each other in a loop: {string.Join(", ", remaining)}.");
            placed.AddRange(next);
            remaining.ExceptWith(next);
        }
    }

    [Fact]
    public void Core_knows_nothing_of_the_host_nor_of_web_cloud_or_database_types()
    {
        IArchRule rule = Types().That().ResideInAssembly(typeof(AnswerEngine).Assembly)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^(GmgBot\.Host|Microsoft\.AspNetCore|Azure|Microsoft\.Graph|Microsoft\.Data\.Sqlite|Npgsql)(\..*)?$"))
            .Because("Core is the pure part: the host composes it with ASP.NET, Azure, Graph and the database");

        rule.Check(Code);
    }

    [Fact]
    public void The_protocol_library_knows_nothing_of_the_bot()
    {
        IArchRule rule = Types().That().ResideInAssembly(typeof(IBot).Assembly)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(@"^GmgBot\.(Core|Host)(\..*)?$"))
            .Because("the protocol library mirrors the Bot Framework SDK, which could replace it");

        rule.Check(Code);
    }
}
