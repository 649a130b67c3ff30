using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

public sealed class SchedulingOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new SchedulingOptionsValidator().Validate(null, new SchedulingOptions()).Succeeded);
        Assert.True(new SchedulingOptionsCustomValidator().Validate(null, new SchedulingOptions()).Succeeded);
    }

    [Fact]
    public void CustomValidate_EveryBadValue_AllListed()
    {
        var options = new SchedulingOptions
        {
            Strategy = "fastest",
            Mode = "Turbo",
            FixedAccount = "  ",
            MaxWaitSeconds = -1,
            MaxAttempts = 0,
            Hybrid = new HybridOptions { MinUsableHealth = 90, MaxHealth = 80, InitialHealth = 85, InitialTokens = 60, MaxTokens = 50, TokenCost = 51 },
        };

        var failures = new SchedulingOptionsCustomValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.Contains("Unknown strategy 'fastest'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Unknown mode 'Turbo'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Set Strategy or Mode, not both", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("FixedAccount is blank", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxWaitSeconds is -1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MaxAttempts is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("MinUsableHealth (90) is above", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("InitialHealth (85) is above", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("InitialTokens (60) is above", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("TokenCost (51) is above", StringComparison.Ordinal));
        Assert.Equal(10, failures.Count);
    }

    [Fact]
    public void GeneratedValidate_OutOfRange_NamesEachMemberIncludingHybrid()
    {
        var options = new SchedulingOptions { MaxWaitSeconds = -5, MaxAttempts = 1000, Hybrid = new HybridOptions { TokensPerMinute = 0 } };

        var failures = string.Join("\n", new SchedulingOptionsValidator().Validate(null, options).Failures!);

        Assert.Contains("MaxWaitSeconds", failures, StringComparison.Ordinal);
        Assert.Contains("MaxAttempts", failures, StringComparison.Ordinal);
        Assert.Contains("TokensPerMinute", failures, StringComparison.Ordinal);
    }
}
