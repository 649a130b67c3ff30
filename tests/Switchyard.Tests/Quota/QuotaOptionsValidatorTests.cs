using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

public sealed class QuotaOptionsValidatorTests
{
    [Fact]
    public void Validate_UnknownGroupAndOutOfRangeFraction_ReportsBoth()
    {
        var options = new QuotaOptions();
        options.ProtectionThresholds["claude"] = 1.5;
        options.ProtectionThresholds["gemini-ultra"] = 0.1;

        var result = new QuotaOptionsCustomValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Quota:ProtectionThresholds:claude", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Unknown model group 'gemini-ultra'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Default_IsOff()
    {
        Assert.True(new QuotaOptionsCustomValidator().Validate(null, new QuotaOptions()).Succeeded);
        Assert.Empty(new QuotaOptions().ProtectionThresholds);
    }
}
