using Microsoft.Extensions.Time.Testing;
using Switchyard.Accounts;
using Switchyard.Quota;

namespace Switchyard.Tests.Quota;

public sealed class QuotaPacingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 6, 0, 0, 0, TimeSpan.Zero));

    private QuotaEntry Weekly(double fraction, TimeSpan resetIn) => new("3p-weekly", fraction, _time.GetUtcNow() + resetIn, _time.GetUtcNow());

    private PaceStanding Even(QuotaEntry entry, double budget = 1) =>
        QuotaPacing.Evaluate(entry, _time.GetUtcNow(), PacingOptions.Even, budget, slack: 0.05, reserve: 0.2);

    [Fact]
    public void Evaluate_EvenTwoDaysIntoTheWeek_AheadWhenSpentMoreThanTwoSeventhsPlusSlack()
    {
        // Reset in 5 days: 2/7 ≈ 0.286 of the week gone; with 5 % slack 0.336 may be spent.
        Assert.Equal(PaceStanding.Ahead, Even(Weekly(0.6, TimeSpan.FromDays(5))));
        Assert.Equal(PaceStanding.OnPace, Even(Weekly(0.7, TimeSpan.FromDays(5))));
    }

    [Fact]
    public void Evaluate_SameReadingLaterInTheWeek_BackOnPace()
    {
        var reset = _time.GetUtcNow().AddDays(5);
        var entry = new QuotaEntry("3p-weekly", 0.6, reset, _time.GetUtcNow());
        Assert.Equal(PaceStanding.Ahead, Even(entry));

        _time.Advance(TimeSpan.FromDays(1)); // 3/7 ≈ 0.43 + 0.05 may be spent now: 0.4 is within
        Assert.Equal(PaceStanding.OnPace, Even(entry));
    }

    [Fact]
    public void Evaluate_HalfBudget_PaceHalved()
    {
        // Four days gone: 4/7 ≈ 0.57 of the window may be spent at full budget, 0.29 + 0.05 at half.
        var entry = Weekly(0.55, TimeSpan.FromDays(3));

        Assert.Equal(PaceStanding.OnPace, Even(entry));
        Assert.Equal(PaceStanding.Ahead, Even(entry, budget: 0.5));
    }

    [Fact]
    public void Evaluate_Reserve_BelowTheReserveOnly()
    {
        Assert.Equal(PaceStanding.Reserve, QuotaPacing.Evaluate(Weekly(0.15, TimeSpan.FromDays(1)), _time.GetUtcNow(), PacingOptions.ReserveMode, 1, 0.05, 0.2));
        Assert.Equal(PaceStanding.OnPace, QuotaPacing.Evaluate(Weekly(0.25, TimeSpan.FromDays(1)), _time.GetUtcNow(), PacingOptions.ReserveMode, 1, 0.05, 0.2));
    }

    [Fact]
    public void Evaluate_OffUnknownOrUnstarted_OnPace()
    {
        var now = _time.GetUtcNow();
        Assert.Equal(PaceStanding.OnPace, QuotaPacing.Evaluate(Weekly(0.1, TimeSpan.FromDays(6)), now, PacingOptions.Off, 1, 0, 0.2));
        Assert.Equal(PaceStanding.OnPace, QuotaPacing.Evaluate(null, now, PacingOptions.Even, 1, 0, 0.2));
        Assert.Equal(PaceStanding.OnPace, QuotaPacing.Evaluate(new QuotaEntry("3p-weekly", 0.9, null, now), now, PacingOptions.Even, 1, 0, 0.2));
    }

    [Fact]
    public void ModeFor_AccountEntry_WinsOverTheDefault()
    {
        var options = new PacingOptions { Mode = "even", Accounts = new(StringComparer.OrdinalIgnoreCase) { ["vip@example.com"] = "off" } };

        Assert.Equal("off", options.ModeFor("id-1", "VIP@example.com"));
        Assert.Equal("even", options.ModeFor("id-2", "other@example.com"));
    }
}
