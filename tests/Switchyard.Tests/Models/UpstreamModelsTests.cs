using Switchyard.Models;

namespace Switchyard.Tests.Models;

public sealed class UpstreamModelsTests
{
    [Theory]
    [InlineData("claude-opus-4-6-thinking", "claude", "claude", 200_000, 64_000, true)]
    [InlineData("claude-sonnet-4-6", "claude", "claude", 200_000, 64_000, false)]
    [InlineData("gemini-3-pro-high", "gemini-pro", "gemini-pro", 1_048_576, 65_535, true)]
    [InlineData("gemini-pro-agent", "gemini-pro", "gemini-pro", 1_048_576, 65_536, true)]
    [InlineData("gemini-3-flash", "gemini-flash", "gemini-flash", 1_048_576, 65_536, true)]
    [InlineData("gemini-2.5-pro", "gemini-pro", "gemini-pro", 1_048_576, 65_535, true)]
    [InlineData("gemini-3-pro-image", "image", "image-pro", 65_536, 32_768, false)]
    [InlineData("gemini-3.1-flash-image", "image", "image-flash", 65_536, 32_768, false)]
    [InlineData("gpt-oss-120b-medium", "gpt-oss", "gpt-oss", 131_072, 32_768, false)]
    [InlineData("gemini-3-flash-preview", "gemini-flash", "gemini-3-flash-preview", 1_048_576, 65_535, true)]
    public void TryGet_UpstreamId_HasCatalogueFacts(string id, string group, string bucket, int context, int maxOutput, bool thinking)
    {
        Assert.True(UpstreamModels.TryGet(id.ToUpperInvariant(), out var model));
        Assert.Equal((id, group, bucket, context, maxOutput, thinking), (model.Id, model.Group, model.Bucket, model.ContextWindow, model.MaxOutputTokens, model.Thinking));
    }

    [Fact]
    public void All_Ids_AreUniqueLowerCaseAndFullyDescribed()
    {
        Assert.Equal(UpstreamModels.All.Count, UpstreamModels.All.Select(m => m.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(UpstreamModels.All, m =>
        {
            Assert.Equal(m.Id.ToLowerInvariant(), m.Id);
            Assert.False(string.IsNullOrEmpty(m.DisplayName));
            Assert.True(m.ContextWindow > 0 && m.MaxOutputTokens > 0);
            Assert.False(m.ImageGeneration && m.Thinking);
        });
    }

    [Fact]
    public void All_GeminiCliModels_AreGemini3PreviewsWithOwnBuckets()
    {
        var cli = UpstreamModels.All.Where(m => m.Pool == ModelPool.GeminiCli).ToList();

        Assert.Equal(4, cli.Count);
        Assert.All(cli, m => Assert.Equal(m.Id, m.Bucket));
        Assert.All(cli, m => Assert.Contains("-preview", m.Id, StringComparison.Ordinal));
        Assert.All(UpstreamModels.All.Where(m => m.AlsoGeminiCli), m => Assert.StartsWith("gemini-2.5", m.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Replacements_LegacyIds_PointAtCurrentIdsAndAreNotUpstreamIds()
    {
        Assert.Equal("claude-opus-4-6-thinking", UpstreamModels.Replacements["claude-opus-4-5-thinking"]);
        Assert.Equal("claude-sonnet-4-6", UpstreamModels.Replacements["claude-sonnet-4-5"]);
        Assert.Equal("claude-sonnet-4-6-thinking", UpstreamModels.Replacements["claude-sonnet-4-5-thinking"]);
        Assert.All(UpstreamModels.Replacements, r =>
        {
            Assert.False(UpstreamModels.TryGet(r.Key, out _));
            Assert.True(UpstreamModels.TryGet(r.Value, out _));
        });
    }
}
