using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

public sealed class RetryDelayParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("33740.91s", 33740.91)]
    [InlineData("9h22m20.91s", 33740.91)]
    [InlineData("2h13m5s", 7985)]
    [InlineData("2h13m5.12s", 7985.12)]
    [InlineData("500ms", 0.5)]
    [InlineData("1.5s", 1.5)]
    [InlineData("1h16m0.667s", 4560.667)]
    [InlineData("40s", 40)]
    [InlineData("45", 45)]
    [InlineData(" 3m ", 180)]
    [InlineData("250us", 0.00025)]
    public void TryParseDuration_GoAndProtobufForms_Parse(string text, double seconds)
    {
        Assert.True(RetryDelayParser.TryParseDuration(text, out var delay));
        Assert.Equal(seconds, delay.TotalSeconds, 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("5x")]
    [InlineData("-5s")]
    [InlineData("1.2.3s")]
    [InlineData("s")]
    [InlineData("5m3")]
    [InlineData("NaN")]
    public void TryParseDuration_Garbage_ReturnsFalse(string? text)
    {
        Assert.False(RetryDelayParser.TryParseDuration(text, out _));
    }

    [Fact]
    public void TryParseDuration_Huge_ClampsToMaxDelay()
    {
        Assert.True(RetryDelayParser.TryParseDuration("99999999999999999999h", out var delay));
        Assert.Equal(RetryDelayParser.MaxDelay, delay);
    }

    [Fact]
    public void TryParseRetryAfter_Seconds_Parses()
    {
        Assert.True(RetryDelayParser.TryParseRetryAfter("120", Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(120), delay);
    }

    [Fact]
    public void TryParseRetryAfter_HttpDateInFuture_DelayUntilThen()
    {
        Assert.True(RetryDelayParser.TryParseRetryAfter("Wed, 01 Jul 2026 10:01:30 GMT", Now, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(90), delay);
    }

    [Fact]
    public void TryParseRetryAfter_HttpDateInPast_Zero()
    {
        Assert.True(RetryDelayParser.TryParseRetryAfter("Wed, 01 Jul 2026 09:00:00 GMT", Now, out var delay));
        Assert.Equal(TimeSpan.Zero, delay);
    }

    [Fact]
    public void TryParseRetryAfter_Garbage_False()
    {
        Assert.False(RetryDelayParser.TryParseRetryAfter("soon", Now, out _));
    }

    [Fact]
    public void TryParseMilliseconds_Number_Parses()
    {
        Assert.True(RetryDelayParser.TryParseMilliseconds("1500", out var delay));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), delay);
    }

    [Fact]
    public void TryParseTimestamp_Rfc3339_DelayAndInstant()
    {
        Assert.True(RetryDelayParser.TryParseTimestamp("2026-07-01T12:00:00Z", Now, out var delay, out var at));
        Assert.Equal(TimeSpan.FromHours(2), delay);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero), at);
    }

    [Theory]
    [InlineData("You have exhausted your capacity on this model. Your quota will reset after 2h13m5s.", 7985)]
    [InlineData("Your quota will reset after 2h13m5.12s.", 7985.12)]
    [InlineData("Please retry after 30s", 30)]
    [InlineData("try again in 5m 3s", 303)]
    [InlineData("Quota will reset in 45 seconds.", 45)]
    [InlineData("please wait 2 minutes", 120)]
    public void TryFindInText_Phrases_Parse(string text, double seconds)
    {
        Assert.True(RetryDelayParser.TryFindInText(text, out var delay));
        Assert.Equal(seconds, delay.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("Resource has been exhausted (e.g. check quota).")]
    [InlineData("No capacity available for model claude-opus on the server")]
    [InlineData("")]
    public void TryFindInText_NoDelay_False(string text)
    {
        Assert.False(RetryDelayParser.TryFindInText(text, out _));
    }

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(1, "1")]
    [InlineData(59.01, "60")]
    [InlineData(120, "120")]
    public void RetryAfterHeader_Format_WholeSecondsRoundedUp(double seconds, string expected)
    {
        Assert.Equal(expected, RetryAfterHeader.Format(TimeSpan.FromSeconds(seconds)));
    }
}
