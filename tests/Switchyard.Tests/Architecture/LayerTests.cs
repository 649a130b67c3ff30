using System.Reflection;
using NetArchTest.Rules;
using Switchyard.Emulator;
using Switchyard.Foundation;

namespace Switchyard.Tests.Architecture;

/// <summary>
/// The arrows of docs/architecture.md, read from the compiled gateway (every type reference in signatures and
/// method bodies, through NetArchTest): each top-level folder uses only folders of a lower layer, so no two
/// folders depend on each other, and the named rules of the architecture hold.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The layers, lowest first. A folder may use any folder of a lower layer, none of its own or a higher one.</summary>
    internal static readonly string[][] Layers =
    [
        ["Foundation"],
        ["Upstream", "Storage", "Models"],
        ["Protocols", "RateLimits", "Accounts", "RequestLog"],
        ["Scheduling", "Quota", "Recovery"],
        ["Dispatch"],
        ["FrontDoors", "Metrics", "Admin"],
        ["Dashboard"],
        ["Hosting"],
    ];

    /// <summary>The folders one request passes through, client to upstream.</summary>
    private static readonly string[] RequestPath =
        ["FrontDoors", "Dispatch", "Protocols", "Models", "Scheduling", "Accounts", "Quota", "Upstream", "RateLimits", "Recovery", "Storage", "RequestLog"];

    private static readonly Assembly Gateway = typeof(DataDirectory).Assembly;

    private static readonly Lazy<IReadOnlyDictionary<string, string[]>> Graph = new(ReadGraph);

    [Fact]
    public void Folders_EveryTopLevelFolderHasALayer()
    {
        var placed = Layers.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
        var unplaced = Folders().Where(f => !placed.Contains(f)).ToList();

        Assert.True(unplaced.Count == 0, "Give these folders a layer in LayerTests and docs/architecture.md: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void Dependencies_OnlyTowardLowerLayers()
    {
        var layer = Layers.SelectMany((folders, i) => folders.Select(f => (f, i))).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);
        var wrong = Graph.Value
            .SelectMany(e => e.Value.Select(to => (From: e.Key, To: to)))
            .Where(e => layer.ContainsKey(e.From) && layer.ContainsKey(e.To) && layer[e.To] >= layer[e.From])
            .Select(e => $"{e.From} -> {e.To}")
            .ToList();

        Assert.True(wrong.Count == 0, "Dependencies against the layers: " + string.Join("; ", wrong));
    }

    [Fact]
    public void Dependencies_NoCycleBetweenTopLevelFolders()
    {
        var cycle = FindCycle(Graph.Value);

        Assert.True(cycle is null, "Cycle between folders: " + (cycle is null ? "" : string.Join(" -> ", cycle)));
    }

    [Theory]
    [InlineData("Scheduling")]
    [InlineData("RateLimits")]
    [InlineData("Upstream")]
    [InlineData("Storage")]
    public void LowerParts_NeverUseProtocolsOrFrontDoors(string folder)
    {
        var result = Types.InAssembly(Gateway).That().ResideInNamespace("Switchyard." + folder)
            .ShouldNot().HaveDependencyOnAny("Switchyard.Protocols", "Switchyard.FrontDoors").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void RequestPath_NeverUsesAdminDashboardOrHosting()
    {
        var result = Types.InAssembly(Gateway).That().ResideInNamespaceMatching(FolderPattern(RequestPath))
            .ShouldNot().HaveDependencyOnAny("Switchyard.Admin", "Switchyard.Dashboard", "Switchyard.Hosting").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Recovery_NeverTouchesHttpOrTheClient()
    {
        var result = Types.InAssembly(Gateway).That().ResideInNamespace("Switchyard.Recovery")
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore.Http", "Switchyard.Dispatch", "Switchyard.FrontDoors").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void OnlyHosting_UsesHosting()
    {
        // Program.cs (top-level statements, no namespace) is the entry point into Hosting.
        var result = Types.InAssembly(Gateway).That().DoNotResideInNamespace("Switchyard.Hosting").And().DoNotHaveName("Program")
            .ShouldNot().HaveDependencyOn("Switchyard.Hosting").GetResult();

        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Emulator_NeverReferencesTheGateway()
    {
        var references = typeof(EmulatorServer).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain(Gateway.GetName().Name, references);
        Assert.DoesNotContain(references, r => r is not null && r.StartsWith("Switchyard", StringComparison.OrdinalIgnoreCase) && r != "Switchyard.Emulator");
    }

    [Fact]
    public void FindCycle_TwoFoldersUsingEachOther_Found()
    {
        var graph = new Dictionary<string, string[]> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };

        var cycle = FindCycle(graph);

        Assert.Equal(["A", "B", "C", "A"], cycle);
        Assert.Null(FindCycle(new Dictionary<string, string[]> { ["A"] = ["B"], ["B"] = [], ["C"] = ["A", "B"] }));
    }

    /// <summary>Top-level folders of the gateway: the second part of every namespace under <c>Switchyard.</c>.</summary>
    private static List<string> Folders() =>
        Gateway.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Switchyard.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>For each folder, the other folders its types use.</summary>
    private static IReadOnlyDictionary<string, string[]> ReadGraph()
    {
        var folders = Folders();
        var graph = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var from in folders)
        {
            var types = Types.InAssembly(Gateway).That().ResideInNamespace("Switchyard." + from);
            graph[from] = folders
                .Where(to => to != from && !types.ShouldNot().HaveDependencyOn("Switchyard." + to).GetResult().IsSuccessful)
                .ToArray();
        }

        return graph;
    }

    /// <summary>A cycle as the path that closes it (first and last equal), or null.</summary>
    internal static List<string>? FindCycle(IReadOnlyDictionary<string, string[]> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string FolderPattern(IEnumerable<string> folders) =>
        "^Switchyard\\.(" + string.Join("|", folders) + ")(\\.|$)";

    private static string Failing(NetArchTest.Rules.TestResult result) =>
        "Types breaking the rule: " + string.Join(", ", result.FailingTypeNames ?? []);
}
