using Switchyard.Models;

namespace Switchyard.Tests.Models;

/// <summary>User rules from <c>Models:Mappings</c>: kinds, order, targets.</summary>
public sealed class ModelResolverRuleTests
{
    [Fact]
    public void Resolve_ExactRule_OverridesBuiltInAlias()
    {
        var resolver = ModelTestData.Resolver(("claude-haiku-4-5", "gemini-3-flash"));

        var resolution = resolver.Resolve("claude-haiku-4-5");

        Assert.Equal("gemini-3-flash", resolution.Route!.UpstreamModel);
        Assert.Equal(ModelMatchKind.Rule, resolution.Match);
        Assert.Equal(0, resolution.RuleIndex);
        Assert.Equal("rule #0", resolution.MatchDescription);
    }

    [Fact]
    public void Resolve_ExactRule_IgnoresCaseAndModelsPrefix()
    {
        var resolver = ModelTestData.Resolver(("My-Model", "gemini-2.5-pro"));

        Assert.Equal("gemini-2.5-pro", resolver.Resolve("models/MY-MODEL").Route!.UpstreamModel);
        Assert.Equal("models/MY-MODEL", resolver.Resolve("models/MY-MODEL").Route!.RequestedModel);
    }

    [Fact]
    public void Resolve_WildcardRule_MatchesCaseInsensitively()
    {
        var resolver = ModelTestData.Resolver(("claude-haiku-*", "gemini-3-flash-low"));

        var route = resolver.Resolve("Claude-Haiku-4-5-20251001").Route!;

        Assert.Equal("gemini-3-flash", route.UpstreamModel);
        Assert.Equal("low", route.ThinkingLevel);
        Assert.Equal("claude-sonnet-4-6", resolver.Resolve("claude-sonnet-4-5").Route!.UpstreamModel);
    }

    [Fact]
    public void Resolve_QuestionMarkWildcard_MatchesExactlyOneCharacter()
    {
        var resolver = ModelTestData.Resolver(("gpt-4?", "gemini-2.5-flash"));

        Assert.Equal("gemini-2.5-flash", resolver.Resolve("gpt-4o").Route!.UpstreamModel);
        Assert.False(resolver.Resolve("gpt-4o-mini").Found);
        Assert.False(resolver.Resolve("gpt-4").Found);
    }

    [Fact]
    public void Resolve_RegexRule_MustMatchTheWholeName()
    {
        var resolver = ModelTestData.Resolver((@"/gpt-4(o|\.1)?(-mini)?/", "gemini-2.5-flash"));

        Assert.Equal("gemini-2.5-flash", resolver.Resolve("gpt-4o-mini").Route!.UpstreamModel);
        Assert.Equal("gemini-2.5-flash", resolver.Resolve("GPT-4.1").Route!.UpstreamModel);
        Assert.False(resolver.Resolve("my-gpt-4o").Found);
        Assert.False(resolver.Resolve("gpt-4o-mini-2024").Found);
    }

    [Fact]
    public void Resolve_RulesOfEachKind_ExactBeforeWildcardBeforeRegex()
    {
        var resolver = ModelTestData.Resolver(
            ("/claude-.*/", "gpt-oss-120b-medium"),
            ("claude-*", "gemini-3-flash"),
            ("claude-haiku-4-5", "gemini-2.5-pro"),
            ("/cl.*/", "gemini-3-pro-high"));

        var exact = resolver.Resolve("claude-haiku-4-5");
        var wildcard = resolver.Resolve("claude-opus-5-5");
        var regex = resolver.Resolve("cl-x");

        Assert.Equal(("gemini-2.5-pro", 2), (exact.Route!.UpstreamModel, exact.RuleIndex));
        Assert.Equal(("gemini-3-flash", 1), (wildcard.Route!.UpstreamModel, wildcard.RuleIndex));
        Assert.Equal(("gemini-pro-agent", 3), (regex.Route!.UpstreamModel, regex.RuleIndex));
    }

    [Fact]
    public void Resolve_TwoRulesOfOneKindMatch_FirstWrittenWins()
    {
        var resolver = ModelTestData.Resolver(
            ("claude-*-4-5", "gemini-3-flash"),
            ("claude-*", "gemini-2.5-pro"),
            ("/x.*/", "gemini-3-pro-low"),
            ("/xy.*/", "gemini-3-pro-high"),
            ("dup", "gemini-3-flash"),
            ("dup", "gemini-2.5-pro"));

        Assert.Equal(0, resolver.Resolve("claude-sonnet-4-5").RuleIndex);
        Assert.Equal(1, resolver.Resolve("claude-sonnet-4-6").RuleIndex);
        Assert.Equal(2, resolver.Resolve("xyz").RuleIndex);
        Assert.Equal(4, resolver.Resolve("dup").RuleIndex);
    }

    [Fact]
    public void Resolve_RuleTargetIsAlias_ResolvesThroughTheAlias()
    {
        var resolver = ModelTestData.Resolver(("big", "opus"), ("pro", "gemini-3-pro"), ("old", "claude-sonnet-4-5-thinking"));

        Assert.Equal("claude-opus-4-6-thinking", resolver.Resolve("big").Route!.UpstreamModel);
        Assert.Equal("gemini-3.1-pro-low", resolver.Resolve("pro").Route!.UpstreamModel);
        Assert.Equal("claude-sonnet-4-6", resolver.Resolve("old").Route!.UpstreamModel);
        Assert.True(resolver.Resolve("old").Route!.Thinking);
    }

    [Fact]
    public void Resolve_RuleTargetIsAnotherRulesName_IsNotChained()
    {
        var resolver = ModelTestData.Resolver(("a", "gemini-3-flash"), ("b", "a"));

        Assert.Equal("gemini-3-flash", resolver.Resolve("a").Route!.UpstreamModel);
        Assert.False(resolver.Resolve("b").Found);
    }

    [Fact]
    public void Resolve_InvalidRulesAfterReload_AreSkippedAndValidOnesApply()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        using var resolver = new ModelResolver(monitor);

        monitor.Set(ModelTestData.Options(("/gpt-(/", "gemini-3-flash"), ("x", "nope"), ("", "gemini-3-flash"), ("gpt-(", "gemini-2.5-pro")));

        Assert.False(resolver.Resolve("x").Found);
        Assert.Equal(3, resolver.Resolve("gpt-(").RuleIndex);
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*c", "ac", true)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("*", "", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*c", "abd", false)]
    [InlineData("abc", "abcd", false)]
    public void GlobMatch_Pattern_MatchesWholeName(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, ModelRuleSet.GlobMatch(pattern, text));
    }
}
