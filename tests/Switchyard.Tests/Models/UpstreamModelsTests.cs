using Switchyard.Models;

namespace Switchyard.Tests.Models;

public sealed class UpstreamModelsTests
{
    [Theory]
    [InlineData("claude-opus-4-6-thinking", "claude", "claude", 200_000, 64_000, true)]
    [InlineData("claude-sonnet-4-6", "claude", "claude", 200_000, 64_000, false)]
    [InlineData("gemini-3.1-pro-low", "gemini-pro", "gemini-pro", 1_048_576, 65_535, true)]
    [InlineData("gemini-pro-agent", "gemini-pro", "gemini-pro", 1_048_576, 65_536, true)]
    [InlineData("gemini-3-flash", "gemini-flash", "gemini-flash", 1_048_576, 65_536, true)]
    [InlineData("gemini-3.8-flash-tiered", "gemini-flash", "gemini-flash", 1_048_576, 65_536, true)]
    [InlineData("gemini-3.5-flash-lite", "gemini-flash", "gemini-flash", 1_048_576, 65_536, true)]
    [InlineData("gemini-2.5-pro", "gemini-pro", "gemini-2.5-pro", 1_048_576, 65_535, true)]
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
    public void All_GeminiCliModels_AreThePreviewsAnd25WithOwnBuckets()
    {
        var cli = UpstreamModels.All.Where(m => m.Pool == ModelPool.GeminiCli).ToList();

        Assert.Equal(6, cli.Count);
        Assert.All(cli, m => Assert.Equal(m.Id, m.Bucket));
        Assert.All(cli, m => Assert.True(m.Id.Contains("-preview", StringComparison.Ordinal) || m.Id.StartsWith("gemini-2.5", StringComparison.Ordinal), m.Id));
    }

    [Theory]
    [InlineData("claude-opus-4-5-thinking", "claude-opus-4-6-thinking")]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-6")]
    [InlineData("claude-sonnet-4-5-thinking", "claude-sonnet-4-6")]
    [InlineData("claude-sonnet-4-6-thinking", "claude-sonnet-4-6")]
    [InlineData("gemini-3-pro-low", "gemini-3.1-pro-low")]
    [InlineData("gemini-3-pro-high", "gemini-pro-agent")]
    [InlineData("gemini-3.1-pro-high", "gemini-pro-agent")]
    [InlineData("gemini-3-pro-image", "gemini-3.1-flash-image")]
    [InlineData("gemini-3.5-flash-extra-low", "gemini-3.7-flash-low")]
    public void Replacements_RetiredIds_PointAtTheir2026Successors(string retired, string successor)
    {
        Assert.Equal(successor, UpstreamModels.Replacements[retired].Id);
    }

    [Fact]
    public void Replacements_AreNotUpstreamIds_AndPointAtOnes()
    {
        Assert.True(UpstreamModels.Replacements["claude-sonnet-4-5-thinking"].Thinking);
        Assert.All(UpstreamModels.Replacements, r =>
        {
            Assert.False(UpstreamModels.TryGet(r.Key, out _));
            Assert.True(UpstreamModels.TryGet(r.Value.Id, out _));
        });
    }
}
