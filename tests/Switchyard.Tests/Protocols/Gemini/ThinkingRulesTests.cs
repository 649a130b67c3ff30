using Switchyard.Models;
using Switchyard.Protocols.Gemini;

namespace Switchyard.Tests.Protocols.Gemini;

public sealed class ThinkingRulesTests
{
    private static readonly ModelRoute Claude = new("c", "claude-opus-4-6-thinking", ModelFamily.Claude, "claude", Thinking: true);
    private static readonly ModelRoute Gemini3Pro = new("p", "gemini-3-pro-low", ModelFamily.Gemini, "gemini-pro", Thinking: true, Gemini3: true);
    private static readonly ModelRoute Gemini3Flash = new("f", "gemini-3-flash", ModelFamily.Gemini, "gemini-flash", Thinking: true, Gemini3: true);
    private static readonly ModelRoute Gemini25 = new("g", "gemini-2.5-pro", ModelFamily.Gemini, "gemini-pro", Thinking: true);

    [Theory]
    [InlineData("minimal", 1024)]
    [InlineData("low", 8192)]
    [InlineData("medium", 16384)]
    [InlineData("high", 32768)]
    public void Plan_ClaudeLevel_BudgetFromTable(string level, int budget)
    {
        var (config, max) = ThinkingRules.Plan(Claude, new ThinkingAsk(level), null);

        Assert.Equal(budget, config!.ThinkingBudget);
        Assert.True(config.IncludeThoughts);
        Assert.Equal(64_000, max);
    }

    [Fact]
    public void Plan_ClaudeSmallBudget_RaisedToMinimumAndMaxAboveBudget()
    {
        var (config, max) = ThinkingRules.Plan(Claude, new ThinkingAsk(Budget: 100), 500);

        Assert.Equal(1024, config!.ThinkingBudget);
        Assert.Equal(1524, max);
    }

    [Fact]
    public void Plan_ClaudeBudgetZero_NoThinking()
    {
        Assert.Equal((null, 700), ThinkingRules.Plan(Claude, new ThinkingAsk(Budget: 0), 700));
    }

    [Theory]
    [InlineData("minimal", "low")]
    [InlineData("low", "low")]
    [InlineData("medium", "high")]
    [InlineData("high", "high")]
    public void Plan_Gemini3Pro_OnlyLowOrHigh(string asked, string sent)
    {
        Assert.Equal(sent, ThinkingRules.Plan(Gemini3Pro, new ThinkingAsk(asked), null).Config!.ThinkingLevel);
    }

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(8192, "low")]
    [InlineData(10_000, "medium")]
    [InlineData(20_000, "high")]
    public void Plan_Gemini3FlashBudget_MappedToLevel(int budget, string level)
    {
        var config = ThinkingRules.Plan(Gemini3Flash, new ThinkingAsk(Budget: budget), null).Config!;

        Assert.Equal(level, config.ThinkingLevel);
        Assert.Null(config.ThinkingBudget);
    }

    [Fact]
    public void Plan_Gemini25Level_Budget()
    {
        var config = ThinkingRules.Plan(Gemini25, new ThinkingAsk("high"), null).Config!;

        Assert.Equal(24_576, config.ThinkingBudget);
        Assert.Null(config.ThinkingLevel);
    }

    [Fact]
    public void Plan_GeminiNothingAsked_NoConfig()
    {
        Assert.Null(ThinkingRules.Plan(Gemini25, ThinkingAsk.None, 100).Config);
        Assert.Null(ThinkingRules.Plan(Gemini3Flash, ThinkingAsk.None, 100).Config);
    }

    [Fact]
    public void Plan_ImageRoute_NoConfig()
    {
        var image = new ModelRoute("i", "gemini-3-pro-image", ModelFamily.Gemini, "image", Thinking: true, ImageGeneration: true);

        Assert.Null(ThinkingRules.Plan(image, new ThinkingAsk("high"), null).Config);
    }
}
