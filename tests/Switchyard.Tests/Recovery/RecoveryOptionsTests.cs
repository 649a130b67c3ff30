using Switchyard.Recovery;

namespace Switchyard.Tests.Recovery;

public sealed class RecoveryOptionsTests
{
    [Fact]
    public void Defaults_RecoveryOnKeepThinkingOffTwoStreamRetries_Valid()
    {
        var options = new RecoveryOptions();

        Assert.True(options.SessionRecovery);
        Assert.False(options.KeepThinking);
        Assert.Equal(2, options.MaxEmptyStreamRetries);
        Assert.True(new RecoveryOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData(-1, "x")]
    [InlineData(11, "x")]
    [InlineData(2, "")]
    public void Validate_OutOfRangeRetriesOrEmptyText_Fails(int retries, string text)
    {
        var options = new RecoveryOptions { MaxEmptyStreamRetries = retries, InterruptedToolResultText = text };

        Assert.True(new RecoveryOptionsValidator().Validate(null, options).Failed);
    }
}
