using Switchyard.Foundation;

namespace Switchyard.Tests.Foundation;

public sealed class BoundedTextTests
{
    [Fact]
    public void Clip_ShortText_IsUnchanged()
    {
        Assert.Equal("claude-sonnet-4-5", BoundedText.Clip("claude-sonnet-4-5", BoundedText.Model));
    }

    [Fact]
    public void Clip_LongText_KeepsTheStartWithinTheLimit()
    {
        var clipped = BoundedText.Clip(new string('m', 2_000_000), BoundedText.Model);

        Assert.Equal(BoundedText.Model, clipped.Length);
        Assert.EndsWith("…", clipped, StringComparison.Ordinal);
        Assert.StartsWith("mmmm", clipped, StringComparison.Ordinal);
    }

    [Fact]
    public void Clip_CutThroughASurrogatePair_DropsTheWholePair()
    {
        // 8 characters: "abcd" then two emoji (a surrogate pair each); a cut at 6 would split the first pair.
        var clipped = BoundedText.Clip("abcd\ud83d\ude00\ud83d\ude00", 6);

        Assert.Equal("abcd…", clipped);
    }

    [Fact]
    public void ClipOrNull_Null_IsNull()
    {
        Assert.Null(BoundedText.ClipOrNull(null, 10));
    }
}
