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
        Assert.Contains(result.Failures!, f => f.Contains("Unknown quota window 'gemini-ultra'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WindowsAnd2025Groups_AreKnown()
    {
        var options = new QuotaOptions();
        options.ProtectionThresholds["3p-weekly"] = 0.2;
        options.ProtectionThresholds["gemini-5h"] = 0.1;
        options.ProtectionThresholds["gemini-flash"] = 0.1;

        Assert.True(new QuotaOptionsCustomValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void CreditsValidate_UnknownModes_ReportsEachByKey()
    {
        var options = new CreditsOptions { Mode = "sometimes" };
        options.Accounts["ada@example.com"] = "never";
        options.Accounts["grace@example.com"] = "always";

        var result = new CreditsOptionsValidator().Validate(null, options);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Credits:Mode", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Credits:Accounts:ada@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public void CreditsModeFor_AccountOverrideByEmailOrId_ElseGlobal()
    {
        var options = new CreditsOptions { Mode = "last-resort" };
        options.Accounts["ADA@example.com"] = "always";
        options.Accounts["id-grace"] = "off";

        Assert.Equal(CreditModes.Always, options.ModeFor("id-ada", "ada@example.com"));
        Assert.Equal(CreditModes.Off, options.ModeFor("id-grace", "grace@example.com"));
        Assert.Equal(CreditModes.LastResort, options.ModeFor("id-alan", "alan@example.com"));
        Assert.Equal(CreditModes.Off, new CreditsOptions().ModeFor("id-alan", "alan@example.com"));
    }

    [Fact]
    public void Validate_Default_IsOff()
    {
        Assert.True(new QuotaOptionsCustomValidator().Validate(null, new QuotaOptions()).Succeeded);
        Assert.Empty(new QuotaOptions().ProtectionThresholds);
    }
}
