using Switchyard.Models;

namespace Switchyard.Tests.Models;

/// <summary>The per-options cache, runtime options changes, and pass-through of unknown names.</summary>
public sealed class ModelResolverCacheTests
{
    [Fact]
    public void Resolve_RepeatedName_ReturnsSameInstance()
    {
        var resolver = ModelTestData.Resolver((@"/gpt-4.*/", "gemini-2.5-flash"));

        Assert.Same(resolver.Resolve("claude-opus-5-5"), resolver.Resolve("claude-opus-5-5"));
        Assert.Same(resolver.Resolve("gpt-4o"), resolver.Resolve("gpt-4o"));
        Assert.Same(resolver.Resolve("fake-model"), resolver.Resolve("fake-model"));
    }

    [Fact]
    public void Resolve_SameNameInAnotherCase_KeepsEachRequestedName()
    {
        var resolver = ModelTestData.Resolver();

        var lower = resolver.Resolve("claude-opus-5-5");
        var upper = resolver.Resolve("Claude-Opus-5-5");

        Assert.Equal("claude-opus-5-5", lower.Route!.RequestedModel);
        Assert.Equal("Claude-Opus-5-5", upper.Route!.RequestedModel);
        Assert.Equal(lower.Route.UpstreamModel, upper.Route.UpstreamModel);
    }

    [Fact]
    public void Resolve_OptionsChanged_NewRulesApplyWithoutRestart()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        using var resolver = new ModelResolver(monitor);
        var before = resolver.Resolve("claude-haiku-4-5");

        monitor.Set(ModelTestData.Options(("claude-haiku-*", "gemini-3-flash")));
        var after = resolver.Resolve("claude-haiku-4-5");

        Assert.Equal("claude-sonnet-4-6", before.Route!.UpstreamModel);
        Assert.Equal("gemini-3-flash", after.Route!.UpstreamModel);
        Assert.Equal(ModelMatchKind.Rule, after.Match);
        Assert.NotSame(before, after);
    }

    [Fact]
    public void Resolve_RuleRemovedAtRuntime_BuiltInAppliesAgain()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options(("claude-haiku-4-5", "gemini-3-flash")));
        using var resolver = new ModelResolver(monitor);
        Assert.Equal("gemini-3-flash", resolver.Resolve("claude-haiku-4-5").Route!.UpstreamModel);

        monitor.Set(ModelTestData.Options());

        Assert.Equal("claude-sonnet-4-6", resolver.Resolve("claude-haiku-4-5").Route!.UpstreamModel);
    }

    [Fact]
    public void Resolve_AllowUnknownTurnedOnAtRuntime_UnknownNamePassesThrough()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        using var resolver = new ModelResolver(monitor);
        Assert.False(resolver.Resolve("fake-model").Found);

        monitor.Set(new ModelOptions { AllowUnknownModels = true });

        Assert.True(resolver.Resolve("fake-model").Found);
    }

    [Fact]
    public void Resolve_ChangeToNamedOptions_IsIgnored()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        using var resolver = new ModelResolver(monitor);

        monitor.Set(ModelTestData.Options(("claude-haiku-4-5", "gemini-3-flash")), name: "other");

        Assert.Equal("claude-sonnet-4-6", resolver.Resolve("claude-haiku-4-5").Route!.UpstreamModel);
    }

    [Fact]
    public void Dispose_Resolver_StopsListening()
    {
        var monitor = new FakeOptionsMonitor<ModelOptions>(ModelTestData.Options());
        var resolver = new ModelResolver(monitor);
        Assert.Equal(1, monitor.ListenerCount);

        resolver.Dispose();

        Assert.Equal(0, monitor.ListenerCount);
    }

    [Fact]
    public void Resolve_UnknownNameAllowed_PassesThroughWithGuessedTraits()
    {
        var resolver = new ModelResolver(new FakeOptionsMonitor<ModelOptions>(new ModelOptions { AllowUnknownModels = true }));

        var gemini = resolver.Resolve("models/Gemini-3.5-Flash-X");
        var claude = resolver.Resolve("claude-next-thinking");

        Assert.Equal(ModelMatchKind.PassThrough, gemini.Match);
        Assert.Equal("pass-through", gemini.MatchDescription);
        Assert.Equal("gemini-3.5-flash-x", gemini.Route!.UpstreamModel);
        Assert.Equal((ModelFamily.Gemini, ModelGroups.GeminiFlash, true, true), (gemini.Route.Family, gemini.Route.Group, gemini.Route.Gemini3, gemini.Route.Thinking));
        Assert.Equal("gemini-3.5-flash-x", gemini.Route.Bucket);
        Assert.Equal((ModelFamily.Claude, ModelGroups.Claude, true), (claude.Route!.Family, claude.Route.Group, claude.Route.Thinking));
    }

    [Fact]
    public void Resolve_UnknownNameAllowed_KnownNamesStillResolveNormally()
    {
        var resolver = new ModelResolver(new FakeOptionsMonitor<ModelOptions>(new ModelOptions { AllowUnknownModels = true }));

        Assert.Equal(ModelMatchKind.Alias, resolver.Resolve("claude-opus-5-5").Match);
    }

    [Fact]
    public void Resolve_MoreNamesThanTheCacheHolds_StillResolvesButStopsCaching()
    {
        var resolver = new ModelResolver(new FakeOptionsMonitor<ModelOptions>(new ModelOptions { AllowUnknownModels = true }));
        for (var i = 0; i < ModelResolver.CacheLimit; i++)
        {
            resolver.Resolve($"name-{i}");
        }

        var overflow = resolver.Resolve("one-too-many");

        Assert.Equal("one-too-many", overflow.Route!.UpstreamModel);
        Assert.NotSame(overflow, resolver.Resolve("one-too-many"));
        Assert.Same(resolver.Resolve("name-0"), resolver.Resolve("name-0"));
    }

    [Fact]
    public void Resolve_VeryLongName_NotCachedAndShortenedInError()
    {
        var resolver = ModelTestData.Resolver();
        var name = new string('x', 5000);

        var first = resolver.Resolve(name);

        Assert.NotSame(first, resolver.Resolve(name));
        Assert.True(first.Error!.Length < 1000);
    }
}
