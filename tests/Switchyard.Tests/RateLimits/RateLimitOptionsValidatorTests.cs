using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

public sealed class RateLimitOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new RateLimitOptionsValidator().Validate(null, new RateLimitOptions()).Succeeded);
        Assert.True(new RateLimitOptionsCustomValidator().Validate(null, new RateLimitOptions()).Succeeded);
    }

    [Fact]
    public void CustomValidate_BadValues_AllListed()
    {
        var options = new RateLimitOptions
        {
            QuotaBackoffSeconds = [60, 0, -3],
            CapacityJitterSeconds = 50,
            CapacityBackoffSeconds = 45,
            CapacityRetryBaseSeconds = 10,
            CapacityRetryMaxSeconds = 5,
            MinimumCooldownSeconds = 40,
            RateLimitedBackoffSeconds = 30,
        };

        var failures = new RateLimitOptionsCustomValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("QuotaBackoffSeconds[1] is 0;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("QuotaBackoffSeconds[2] is -3;", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CapacityJitterSeconds (50)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CapacityRetryMaxSeconds (5)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MinimumCooldownSeconds (40)", StringComparison.Ordinal));
        Assert.Equal(5, failures.Count);
    }

    [Fact]
    public void GeneratedValidate_OutOfRange_NamesTheMember()
    {
        var failures = string.Join("\n", new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { ShortRetrySeconds = -1, FailureThreshold = 0 }).Failures!);

        Assert.Contains("ShortRetrySeconds", failures, StringComparison.Ordinal);
        Assert.Contains("FailureThreshold", failures, StringComparison.Ordinal);
    }
}
