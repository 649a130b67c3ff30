using Switchyard.Quota;
using Switchyard.Upstream;

namespace Switchyard.Tests.Quota;

public sealed class QuotaGroupsTests
{
    [Theory]
    [InlineData("claude-opus-4-6-thinking", "claude")]
    [InlineData("gemini-3-pro-high", "gemini-pro")]
    [InlineData("gemini-3.1-pro-low", "gemini-pro")]
    [InlineData("gemini-3-flash", "gemini-flash")]
    [InlineData("gemini-2.5-flash-lite", "gemini-flash")]
    [InlineData("gemini-3-pro-image", "image")]
    [InlineData("gpt-oss-120b-medium", "gpt-oss")]
    [InlineData("chat_20706", null)]
    public void Of_ClassifiesModelIds(string model, string? group)
    {
        Assert.Equal(group, QuotaGroups.Of(model));
    }

    [Fact]
    public void Summarize_KeepsLowestFractionAndEarliestResetPerGroup()
    {
        var now = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var entries = QuotaGroups.Summarize(
        [
            new ModelQuota("claude-sonnet-4-6", 0.8, now.AddHours(5)),
            new ModelQuota("claude-opus-4-6-thinking", 0.4, now.AddHours(2)),
            new ModelQuota("gemini-3-flash", 0, null),
            new ModelQuota("unrelated", 0.1, null),
        ], now);

        Assert.Equal(2, entries.Count);
        Assert.Equal(("claude", 0.4, now.AddHours(2)), (entries[0].Group, entries[0].RemainingFraction, entries[0].ResetTime));
        Assert.Equal(("gemini-flash", 0.0, (DateTimeOffset?)null), (entries[1].Group, entries[1].RemainingFraction, entries[1].ResetTime));
    }
}
