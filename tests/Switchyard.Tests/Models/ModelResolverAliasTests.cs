using Switchyard.Models;

namespace Switchyard.Tests.Models;

/// <summary>The built-in names real clients send (Claude Code, opencode, the SDKs), resolved with no rules.</summary>
public sealed class ModelResolverAliasTests
{
    private readonly ModelResolver _resolver = ModelTestData.Resolver();

    [Theory]
    // Claude Code: opus in every spelling → the one Opus upstream id.
    [InlineData("claude-opus-5-5", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4-6", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4.6", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4-1", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4-5-20251101", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4-5-thinking", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-3-opus-20240229", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("opus", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("Claude-Opus-4-6-Thinking", "claude-opus-4-6-thinking", null, "Antigravity")]
    [InlineData("claude-opus-4-6-thinking-low", "claude-opus-4-6-thinking", "low", "Antigravity")]
    [InlineData("gemini-claude-opus-4-6-thinking-high", "claude-opus-4-6-thinking", "high", "Antigravity")]
    // sonnet → Sonnet 4.6, thinking only when asked for by name; dated ids normalised.
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("CLAUDE-SONNET-4-5", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-4-6", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-5-0", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-3-5-sonnet-20241022", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-3-7-sonnet-latest", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("sonnet", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("gemini-claude-sonnet-4-6", "claude-sonnet-4-6", null, "Antigravity")]
    // 2026 has no claude-sonnet-4-6-thinking: a thinking Sonnet is Sonnet 4.6 asked to think (see Resolve_Sonnet46_ThinksOnlyByName).
    [InlineData("claude-sonnet-4-5-thinking", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-4-6-thinking", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-4-5-20250929-thinking", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-sonnet-4-6-thinking-medium", "claude-sonnet-4-6", "medium", "Antigravity")]
    // haiku → Sonnet 4.6 (the upstream has no Haiku).
    [InlineData("claude-haiku-4-5", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-haiku-4-5-20251001", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("claude-3-haiku-20240307", "claude-sonnet-4-6", null, "Antigravity")]
    [InlineData("haiku", "claude-sonnet-4-6", null, "Antigravity")]
    // Gemini 3 Pro is retired: 3.1 Pro Low, or 3.1 Pro High (gemini-pro-agent) for the high tiers (upstream-2026 §6.3).
    [InlineData("gemini-3-pro", "gemini-3.1-pro-low", null, "Antigravity")]
    [InlineData("Gemini-3-Pro", "gemini-3.1-pro-low", null, "Antigravity")]
    [InlineData("gemini-3-pro-low", "gemini-3.1-pro-low", "low", "Antigravity")]
    [InlineData("gemini-3-pro-high", "gemini-pro-agent", null, "Antigravity")]
    [InlineData("gemini-3-pro-medium", "gemini-pro-agent", "high", "Antigravity")]
    [InlineData("gemini-3.1-pro", "gemini-3.1-pro-low", null, "Antigravity")]
    [InlineData("gemini-3.1-pro-low", "gemini-3.1-pro-low", "low", "Antigravity")]
    [InlineData("gemini-3.1-pro-high", "gemini-pro-agent", null, "Antigravity")]
    [InlineData("gemini-pro-agent", "gemini-pro-agent", null, "Antigravity")]
    // Gemini 3 Flash: the level moves out of the id.
    [InlineData("gemini-3-flash", "gemini-3-flash", null, "Antigravity")]
    [InlineData("gemini-3-flash-minimal", "gemini-3-flash", "minimal", "Antigravity")]
    [InlineData("gemini-3-flash-low", "gemini-3-flash", "low", "Antigravity")]
    [InlineData("gemini-3-flash-medium", "gemini-3-flash", "medium", "Antigravity")]
    [InlineData("GEMINI-3-FLASH-HIGH", "gemini-3-flash", "high", "Antigravity")]
    // The 2026 Flash generations: the suffixed ids carry their level; a bare name goes to -tiered with the level asked.
    [InlineData("gemini-3.8-flash-high", "gemini-3.8-flash-high", "high", "Antigravity")]
    [InlineData("gemini-3.7-flash-low", "gemini-3.7-flash-low", "low", "Antigravity")]
    [InlineData("gemini-3.8-flash", "gemini-3.8-flash-tiered", null, "Antigravity")]
    [InlineData("gemini-3.6-flash-minimal", "gemini-3.6-flash-tiered", "minimal", "Antigravity")]
    [InlineData("gemini-3.5-flash-low", "gemini-3.7-flash-medium", "medium", "Antigravity")]
    [InlineData("gemini-3-flash-agent", "gemini-3.7-flash-high", "high", "Antigravity")]
    [InlineData("gemini-3.1-flash-lite", "gemini-3.1-flash-lite", null, "Antigravity")]
    // -preview ids → the gemini-cli pool; an antigravity- prefix forces the antigravity names.
    [InlineData("gemini-3-pro-preview", "gemini-3-pro-preview", null, "GeminiCli")]
    [InlineData("models/gemini-3-pro-preview", "gemini-3-pro-preview", null, "GeminiCli")]
    [InlineData("gemini-3-flash-preview", "gemini-3-flash-preview", null, "GeminiCli")]
    [InlineData("gemini-3.1-pro-preview", "gemini-3.1-pro-preview", null, "GeminiCli")]
    [InlineData("gemini-3.1-pro-preview-customtools", "gemini-3.1-pro-preview-customtools", null, "GeminiCli")]
    [InlineData("antigravity-gemini-3-pro-preview", "gemini-3.1-pro-low", null, "Antigravity")]
    [InlineData("antigravity-gemini-3-flash-high", "gemini-3-flash", "high", "Antigravity")]
    // Gemini 2.5 (opencode, @google/genai): only the gemini-cli pool serves it in 2026.
    [InlineData("models/gemini-2.5-flash", "gemini-2.5-flash", null, "GeminiCli")]
    [InlineData("gemini-2.5-flash", "gemini-2.5-flash", null, "GeminiCli")]
    [InlineData("gemini-2.5-pro", "gemini-2.5-pro", null, "GeminiCli")]
    [InlineData("gemini-2.5-flash-lite", "gemini-3.1-flash-lite", null, "Antigravity")]
    [InlineData("gemini-2.5-flash-thinking", "gemini-2.5-flash", null, "GeminiCli")]
    [InlineData("gemini-2.5-flash-preview-05-20", "gemini-2.5-flash", null, "GeminiCli")]
    [InlineData("gemini-2.5-flash-high", "gemini-2.5-flash", "high", "GeminiCli")]
    // gpt-oss.
    [InlineData("gpt-oss-120b-medium", "gpt-oss-120b-medium", null, "Antigravity")]
    [InlineData("GPT-OSS-120B-MEDIUM", "gpt-oss-120b-medium", null, "Antigravity")]
    [InlineData("gpt-oss-120b", "gpt-oss-120b-medium", null, "Antigravity")]
    [InlineData("openai/gpt-oss-120b", "gpt-oss-120b-medium", null, "Antigravity")]
    // Images: 3 Pro Image is retired; 3.1 Flash Image is the one image model.
    [InlineData("gemini-3-pro-image", "gemini-3.1-flash-image", null, "Antigravity")]
    [InlineData("gemini-3-pro-image-preview", "gemini-3.1-flash-image", null, "Antigravity")]
    [InlineData("gemini-3-pro-image-4k-16x9", "gemini-3.1-flash-image", null, "Antigravity")]
    [InlineData("gemini-3.1-flash-image", "gemini-3.1-flash-image", null, "Antigravity")]
    [InlineData("gemini-2.5-flash-image-preview", "gemini-3.1-flash-image", null, "Antigravity")]
    public void Resolve_RealClientName_RoutesToUpstreamId(string requested, string upstream, string? level, string pool)
    {
        var resolution = _resolver.Resolve(requested);

        Assert.True(resolution.Found, resolution.Error);
        Assert.Equal(requested, resolution.Route.RequestedModel);
        Assert.Equal(upstream, resolution.Route.UpstreamModel);
        Assert.Equal(level, resolution.Route.ThinkingLevel);
        Assert.Equal(pool, resolution.Route.Pool.ToString());
    }

    [Theory]
    [InlineData("claude-opus-4-6-thinking", "exact")]
    [InlineData("Gemini-3-Flash", "exact")]
    [InlineData("models/gemini-2.5-flash", "exact")]
    [InlineData("gemini-3-pro-high", "legacy")]
    [InlineData("claude-sonnet-4-5", "legacy")]
    [InlineData("claude-opus-4-5-thinking", "legacy")]
    [InlineData("claude-opus-5-5", "alias")]
    [InlineData("gemini-claude-sonnet-4-6", "alias")]
    [InlineData("gemini-3-pro", "alias")]
    [InlineData("gemini-3.8-flash", "alias")]
    public void Resolve_BuiltInName_ReportsHowItMatched(string requested, string how)
    {
        var resolution = _resolver.Resolve(requested);

        Assert.Equal(how, resolution.MatchDescription);
        Assert.Equal(-1, resolution.RuleIndex);
    }

    [Fact]
    public void Resolve_OpusAlias_CarriesCatalogueTraits()
    {
        var route = _resolver.Resolve("claude-opus-5-5").Route!;

        Assert.Equal(ModelFamily.Claude, route.Family);
        Assert.Equal(ModelGroups.Claude, route.Group);
        Assert.Equal(ModelGroups.Claude, route.Bucket);
        Assert.True(route.Thinking);
        Assert.False(route.Gemini3);
        Assert.Equal(64_000, route.MaxOutputTokens);
    }

    [Fact]
    public void Resolve_Sonnet46_ThinksOnlyByName()
    {
        Assert.False(_resolver.Resolve("claude-sonnet-4-5").Route!.Thinking);
        Assert.False(_resolver.Resolve("claude-sonnet-4-6").Route!.Thinking);
        Assert.True(_resolver.Resolve("claude-sonnet-4-5-thinking").Route!.Thinking);
        Assert.True(_resolver.Resolve("claude-sonnet-4-6-thinking-high").Route!.Thinking);
        Assert.Equal("claude-sonnet-4-6", _resolver.Resolve("claude-sonnet-4-6-thinking").Route!.UpstreamModel);
    }

    [Fact]
    public void Resolve_Routes_NameTheirQuotaFamily()
    {
        Assert.Equal(ModelGroups.ThirdPartyFamily, _resolver.Resolve("claude-opus-4-6").Route!.QuotaFamily);
        Assert.Equal(ModelGroups.ThirdPartyFamily, _resolver.Resolve("gpt-oss-120b").Route!.QuotaFamily);
        Assert.Equal(ModelGroups.GeminiFamily, _resolver.Resolve("gemini-3.8-flash-high").Route!.QuotaFamily);
        Assert.Equal(ModelGroups.GeminiFamily, _resolver.Resolve("gemini-3-pro").Route!.QuotaFamily);
        Assert.Null(_resolver.Resolve("gemini-3.1-flash-image").Route!.QuotaFamily);
        Assert.Null(_resolver.Resolve("gemini-3-pro-preview").Route!.QuotaFamily);
    }

    [Fact]
    public void Retarget_RetiredId_TakesTheSuccessorsTraitsAndKeepsTheName()
    {
        var route = ModelResolver.PassThrough("gemini-3-pro-high");
        var moved = ModelResolver.Retarget(route, "gemini-pro-agent");

        Assert.Equal(("gemini-3-pro-high", "gemini-pro-agent", ModelGroups.GeminiPro, 65_536), (moved.RequestedModel, moved.UpstreamModel, moved.Group, moved.MaxOutputTokens));
        Assert.True(moved.Gemini3);
    }

    [Fact]
    public void Resolve_GeminiModels_CarryGroupGenerationAndLimits()
    {
        var pro = _resolver.Resolve("gemini-3-pro").Route!;
        var flash = _resolver.Resolve("gemini-3-flash-low").Route!;
        var old = _resolver.Resolve("gemini-2.5-flash").Route!;

        Assert.Equal((ModelFamily.Gemini, ModelGroups.GeminiPro, true, true, 65_535), (pro.Family, pro.Group, pro.Thinking, pro.Gemini3, pro.MaxOutputTokens));
        Assert.Equal((ModelGroups.GeminiFlash, true, 65_536), (flash.Group, flash.Gemini3, flash.MaxOutputTokens));
        Assert.Equal((ModelGroups.GeminiFlash, false, true), (old.Group, old.Gemini3, old.Thinking));
    }

    [Fact]
    public void Resolve_GeminiCliPreview_HasItsOwnBucket()
    {
        var route = _resolver.Resolve("gemini-3-pro-preview").Route!;

        Assert.Equal(ModelGroups.GeminiPro, route.Group);
        Assert.Equal("gemini-3-pro-preview", route.Bucket);
    }

    [Fact]
    public void Resolve_ImageModels_GoToTheFlashImageBucket()
    {
        var pro = _resolver.Resolve("gemini-3-pro-image").Route!;
        var flash = _resolver.Resolve("gemini-3.1-flash-image").Route!;

        Assert.True(pro.ImageGeneration);
        Assert.False(pro.Thinking);
        Assert.Equal(ModelGroups.Image, pro.Group);
        Assert.Equal(ModelGroups.Image, flash.Group);
        Assert.Equal(ModelGroups.ImageFlashBucket, pro.Bucket);
        Assert.Equal(ModelGroups.ImageFlashBucket, flash.Bucket);
    }

    [Fact]
    public void Resolve_GptOss_IsGptOssFamilyWithoutThinking()
    {
        var route = _resolver.Resolve("gpt-oss-120b-medium").Route!;

        Assert.Equal(ModelFamily.GptOss, route.Family);
        Assert.Equal(ModelGroups.GptOss, route.Group);
        Assert.False(route.Thinking);
        Assert.Equal(32_768, route.MaxOutputTokens);
    }

    [Theory]
    [InlineData("fake-model")]
    [InlineData("claude-instant-1")]
    [InlineData("gemini-1.5-pro")]
    [InlineData("gpt-4o")]
    public void Resolve_UnknownName_NotFoundNamingTheModel(string requested)
    {
        var resolution = _resolver.Resolve(requested);

        Assert.False(resolution.Found);
        Assert.Null(resolution.Route);
        Assert.Equal(ModelMatchKind.None, resolution.Match);
        Assert.Contains($"'{requested}'", resolution.Error, StringComparison.Ordinal);
        Assert.Contains("claude-opus-4-6-thinking", resolution.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("models/")]
    public void Resolve_NoName_NotFound(string requested)
    {
        Assert.False(_resolver.Resolve(requested).Found);
    }
}
