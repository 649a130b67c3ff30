using System.Globalization;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>The week-long simulation behind the figures in docs/scheduling.md.</summary>
public sealed class ResetAwareSimulationTests
{
    [Fact]
    public void Run_SyntheticWeek_ResetAwareWastesLessWeeklyQuotaThanRoundRobinAndHybrid()
    {
        var roundRobin = new QuotaWeekSimulation(SelectionPolicies.RoundRobin).Run();
        var hybrid = new QuotaWeekSimulation(SelectionPolicies.Hybrid).Run();
        var resetAware = new QuotaWeekSimulation(SelectionPolicies.ResetAware).Run();
        var docs = File.ReadAllText(DocsPath());
        foreach (var r in new[] { roundRobin, hybrid, resetAware })
        {
            // The figures in the docs are this run's: a change to the scheduler that moves them must update the docs.
            var row = string.Create(CultureInfo.InvariantCulture, $"| `{r.Strategy}` | {r.Served} | {r.Unserved} | {r.WeeklyWasted:0} | {r.FiveHourWasted:0} |");
            Assert.True(docs.Contains(row, StringComparison.Ordinal), $"docs/scheduling.md lacks the row {row}");
        }

        Assert.True(resetAware.WeeklyWasted < roundRobin.WeeklyWasted, $"{resetAware} vs {roundRobin}");
        Assert.True(resetAware.WeeklyWasted < hybrid.WeeklyWasted, $"{resetAware} vs {hybrid}");
        Assert.True(resetAware.Served >= roundRobin.Served && resetAware.Served >= hybrid.Served, $"{resetAware} vs {roundRobin}, {hybrid}");
    }

    private static string DocsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "scheduling.md");
            if (File.Exists(path) && File.Exists(Path.Combine(dir.FullName, "Switchyard.slnx")))
            {
                return path;
            }
        }

        throw new FileNotFoundException("docs/scheduling.md not found above the test's directory.");
    }
}
