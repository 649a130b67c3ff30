using Switchyard.Tests.Models;
using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

public sealed class QuotaKeysTests
{
    [Theory]
    [InlineData("claude-opus-4-6", "3p-5h,3p-weekly")]
    [InlineData("gpt-oss-120b", "3p-5h,3p-weekly")]
    [InlineData("gemini-3.8-flash-low", "gemini-5h,gemini-weekly")]
    [InlineData("gemini-pro-agent", "gemini-5h,gemini-weekly")]
    [InlineData("gemini-3.1-flash-image", "image")]
    [InlineData("gemini-3-pro-preview", "")]
    public void KeysFor_Route_NamesTheWindowsItSpends(string model, string keys)
    {
        var route = ModelTestData.Resolver().Resolve(model).Route!;

        Assert.Equal(keys, string.Join(",", QuotaService.KeysFor(route)));
    }

    [Theory]
    [InlineData("gemini-weekly", "gemini-weekly")]
    [InlineData("claude", "3p-5h,3p-weekly")]
    [InlineData("gemini-flash", "gemini-5h,gemini-weekly")]
    [InlineData("image", "image")]
    [InlineData("nope", "")]
    public void Covered_ThresholdName_CoversItsWindows(string name, string windows)
    {
        Assert.Equal(windows, string.Join(",", QuotaGroups.Covered(name)));
    }
}
