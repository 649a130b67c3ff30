using System.Text;
using Switchyard.Foundation;

namespace Switchyard.Tests.Foundation;

public sealed class StrictJsonTests
{
    private static string? Check(string json) => StrictJson.Check(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi \ud83d\ude00"}],"n":1.5e300,"t":-0.0}""")]
    [InlineData("""[1,2,{"a":{"a":{"a":1}}}]""")]
    [InlineData("\"just a string\"")]
    [InlineData("""{"a":{"x":1},"b":{"x":2}}""")]
    public void Check_WellFormedJson_IsNull(string json)
    {
        Assert.Null(Check(json));
    }

    [Fact]
    public void Check_DuplicateKey_NamesTheKey()
    {
        var problem = Check("""{"model":"a","stream":true,"model":"b"}""");

        Assert.NotNull(problem);
        Assert.Contains("'model' appears twice", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DuplicateKeyInANestedObject_IsFound()
    {
        Assert.NotNull(Check("""{"messages":[{"role":"user","role":"assistant"}]}"""));
    }

    [Fact]
    public void Check_SameKeyEscapedDifferently_IsADuplicate()
    {
        Assert.NotNull(Check("""{"model":"a","mod\u0065l":"b"}"""));
    }

    [Theory]
    [InlineData("""{"max_tokens":1E400}""")]
    [InlineData("""{"max_tokens":-1e309}""")]
    public void Check_NumberBeyondADouble_IsRefused(string json)
    {
        Assert.Contains("out of range", Check(json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"text":"\ud800"}""")]
    [InlineData("""{"text":"\udc00 after"}""")]
    [InlineData("""{"\ud800":1}""")]
    public void Check_LoneSurrogateEscape_IsRefused(string json)
    {
        Assert.Contains("lone surrogate", Check(json), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidUtf8_IsRefused()
    {
        byte[] json = [.. "{\"a\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        Assert.Equal("The body is not valid UTF-8.", StrictJson.Check(json));
    }

    [Fact]
    public void Check_EncodedSurrogateInUtf8_IsRefused()
    {
        // CESU-style bytes for U+D800: not valid UTF-8.
        byte[] json = [.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8];

        Assert.NotNull(StrictJson.Check(json));
    }

    [Fact]
    public void Check_NestingAtTheLimit_IsAcceptedAndOneDeeperRefused()
    {
        var atLimit = new string('[', StrictJson.MaxDepth) + new string(']', StrictJson.MaxDepth);
        var deeper = new string('[', StrictJson.MaxDepth + 1) + new string(']', StrictJson.MaxDepth + 1);

        Assert.Null(Check(atLimit));
        Assert.NotNull(Check(deeper));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{/*c*/}")]
    [InlineData("{\"a\":NaN}")]
    [InlineData("{\"a\":Infinity}")]
    public void Check_NotExactlyOneJsonValue_IsRefused(string json)
    {
        Assert.StartsWith("The body is not valid JSON", Check(json), StringComparison.Ordinal);
    }
}
