using Switchyard.Models;

namespace Switchyard.Tests.Models;

public sealed class ModelCatalogViewTests
{
    [Fact]
    public void Entries_NoRules_ListsEveryUpstreamIdThenMainAliases()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver());

        var ids = view.Entries.Select(e => e.Id).ToList();

        Assert.Equal(UpstreamModels.All.Select(m => m.Id), ids.Take(UpstreamModels.All.Count));
        Assert.Equal(ModelCatalogView.MainAliases, ids.Skip(UpstreamModels.All.Count));
    }

    [Fact]
    public void Entries_UpstreamId_CarriesCatalogueMetadata()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver());

        var opus = Assert.Single(view.Entries, e => e.Id == "claude-opus-4-6-thinking");

        Assert.Equal(new ModelCatalogEntry("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", ModelFamily.Claude, 200_000, 64_000, true, "claude-opus-4-6-thinking"), opus);
    }

    [Fact]
    public void Entries_Alias_DescribesItsTarget()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver());

        var pro = Assert.Single(view.Entries, e => e.Id == "gemini-3-pro");

        Assert.Equal(("gemini-3.1-pro-low", "Gemini 3.1 Pro (Low)", 1_048_576, 65_535), (pro.UpstreamModel, pro.DisplayName, pro.ContextWindow, pro.MaxOutputTokens));
    }

    [Fact]
    public void Entries_ExactRules_ListedOnceAndWildcardsNot()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver(("Team-Fast", "gemini-3-flash"), ("claude-*", "gemini-3-flash"), ("team-fast", "gemini-2.5-pro")));

        var team = Assert.Single(view.Entries, e => e.Id == "team-fast");

        Assert.Equal("gemini-3-flash", team.UpstreamModel);
        Assert.DoesNotContain(view.Entries, e => e.Id.Contains('*', StringComparison.Ordinal));
        Assert.Equal(view.Entries.Count, view.Entries.Select(e => e.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Entries_RuleRemapsUpstreamId_ShowsWhereItGoes()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver(("claude-sonnet-4-6", "gemini-3-flash")));

        Assert.Equal("gemini-3-flash", Assert.Single(view.Entries, e => e.Id == "claude-sonnet-4-6").UpstreamModel);
    }

    [Fact]
    public void Entries_OptionsUnchanged_SameList_OptionsChanged_Rebuilt()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        using var resolver = new ModelResolver(monitor);
        var view = new ModelCatalogView(resolver);
        var first = view.Entries;

        Assert.Same(first, view.Entries);
        monitor.Set(ModelTestData.Options(("team-fast", "gemini-3-flash")));

        Assert.NotSame(first, view.Entries);
        Assert.Contains(view.Entries, e => e.Id == "team-fast");
    }

    [Fact]
    public void Live_ServedModels_ListsWhatThePoolServesAndTheAliasesThatReachIt()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver());

        var live = view.Live(
        [
            new ServedModel("claude-sonnet-4-6", "Claude Sonnet 4.6", 200_000, 64_000),
            new ServedModel("gemini-9-flash-high", "Gemini 9 Flash (High)", 1_048_576, 65_536),
        ]);

        Assert.Equal(["claude-sonnet-4-6", "gemini-9-flash-high", "claude-sonnet-4-5", "claude-sonnet-4-5-thinking", "claude-haiku-4-5"], live.Select(e => e.Id));
        var unknown = live.Single(e => e.Id == "gemini-9-flash-high");
        Assert.Equal(("Gemini 9 Flash (High)", ModelFamily.Gemini, 1_048_576), (unknown.DisplayName, unknown.Family, unknown.ContextWindow));
    }

    [Fact]
    public void Live_NothingServedYet_IsTheBuiltInList()
    {
        var view = new ModelCatalogView(ModelTestData.Resolver());

        Assert.Same(view.Entries, view.Live([]));
    }
}
