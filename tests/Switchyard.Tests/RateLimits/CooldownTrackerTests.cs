using Microsoft.Extensions.Time.Testing;
using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

public sealed class CooldownTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitKey Claude = new("a1", "claude", QuotaPools.Antigravity);

    private readonly FakeTimeProvider _time = new(Start);

    private CooldownTracker CreateSut(RateLimitOptions? options = null, params double[] random) =>
        new(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(options ?? new RateLimitOptions()), _time, new ScriptedRandom(random));

    private static UpstreamFailure Failure(UpstreamFailureKind kind, double? delaySeconds = null, int status = 429) =>
        new(kind, status, delaySeconds is { } s ? TimeSpan.FromSeconds(s) : null);

    [Fact]
    public void Record_QuotaWithoutDelay_LadderProgresses60s5m30m2hThenRepeats()
    {
        var sut = CreateSut();
        var seen = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var result = sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));
            seen.Add(result.Cooldown.TotalSeconds);
            _time.Advance(result.Cooldown + TimeSpan.FromSeconds(1));
        }

        // The 2 h step leaves a gap over the 1 h counter reset only after it ends; the ladder restarts then.
        Assert.Equal([60, 300, 1800, 7200, 60], seen);
    }

    [Fact]
    public void Record_QuotaFailuresWithinResetPeriod_LastStepRepeats()
    {
        var sut = CreateSut(new RateLimitOptions { QuotaBackoffSeconds = [10, 20] });
        var seen = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted)).Cooldown.TotalSeconds);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal([10, 20, 20, 20], seen);
    }

    [Fact]
    public void RecordSuccess_AfterLadderSteps_NextFailureStartsAtFirstStep()
    {
        var sut = CreateSut();
        sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(300, sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted)).Cooldown.TotalSeconds);

        sut.RecordSuccess(Claude, _time.GetTimestamp() + 1);

        Assert.False(sut.IsCooling(Claude));
        Assert.Equal(60, sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted)).Cooldown.TotalSeconds);
    }

    [Fact]
    public void RecordSuccess_OfARequestSentBeforeALaterLimit_LeavesThatLimit()
    {
        var sut = CreateSut();
        var sent = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(2));
        sut.Record(Claude, Failure(UpstreamFailureKind.RateLimited, 30));
        _time.Advance(TimeSpan.FromSeconds(1));

        // The request sent before the 429 answers 200 now: the 429 is newer news and stands.
        sut.RecordSuccess(Claude, sent);

        Assert.Equal(TimeSpan.FromSeconds(29), sut.Remaining(Claude));

        // A request sent after the 429 succeeding clears it.
        sut.RecordSuccess(Claude, _time.GetTimestamp());
        Assert.False(sut.IsCooling(Claude));
    }

    [Fact]
    public void RecordSuccess_OfARequestSentBeforeAnAccountFailure_KeepsTheFailureCount()
    {
        var sut = CreateSut(new RateLimitOptions { FailureThreshold = 2 });
        var error = Failure(UpstreamFailureKind.ServerError, status: 502);
        var sent = _time.GetTimestamp();
        _time.Advance(TimeSpan.FromSeconds(1));
        sut.Record(Claude, error);

        sut.RecordSuccess(Claude, sent);
        sut.Record(Claude, error);

        Assert.True(sut.IsCooling(Claude));
    }

    [Fact]
    public void Record_ServerDelay_WinsOverLadder()
    {
        var sut = CreateSut();

        var result = sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted, 7985.12));

        Assert.Equal(TimeSpan.FromSeconds(7985.12), result.Cooldown);
        Assert.Equal(Start + TimeSpan.FromSeconds(7985.12), sut.CoolingUntil(Claude));
    }

    [Fact]
    public void Record_TinyServerDelay_RaisedToMinimumCooldown()
    {
        var sut = CreateSut();

        Assert.Equal(TimeSpan.FromSeconds(2), sut.Record(Claude, Failure(UpstreamFailureKind.RateLimited, 0.3)).Cooldown);
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.RateLimited), 30)]
    [InlineData(nameof(UpstreamFailureKind.UnknownRateLimit), 60)]
    [InlineData(nameof(UpstreamFailureKind.QuotaExhausted), 60)]
    public void Record_NoDelay_KindDefault(string kindName, double seconds)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        Assert.Equal(seconds, CreateSut().Record(Claude, Failure(kind)).Cooldown.TotalSeconds);
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.5, 45)]
    [InlineData(1.0, 60)]
    public void Record_CapacityWithoutDelay_45PlusMinus15Jitter(double random, double seconds)
    {
        var sut = CreateSut(null, random);

        Assert.Equal(seconds, sut.Record(Claude, Failure(UpstreamFailureKind.CapacityExhausted, status: 503)).Cooldown.TotalSeconds, 6);
    }

    [Fact]
    public void Record_Concurrent429sWithinDedupeWindow_CountOnce()
    {
        var sut = CreateSut();

        var first = sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));

        Assert.True(first.Counted);
        Assert.False(second.Counted);
        Assert.Equal(1, second.ConsecutiveFailures);
        Assert.Equal(60, second.Cooldown.TotalSeconds, 6); // a fresh 60 s from the second hit, not the 5 min step
    }

    [Fact]
    public void Record_429AfterDedupeWindow_CountsAgain()
    {
        var sut = CreateSut();
        sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));
        _time.Advance(TimeSpan.FromSeconds(2));

        var second = sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));

        Assert.True(second.Counted);
        Assert.Equal(2, second.ConsecutiveFailures);
        Assert.Equal(300, second.Cooldown.TotalSeconds);
    }

    [Fact]
    public void Record_ShorterLimitDuringLongerCooldown_KeepsTheLonger()
    {
        var sut = CreateSut();
        sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted, 3600));
        _time.Advance(TimeSpan.FromSeconds(5));

        sut.Record(Claude, Failure(UpstreamFailureKind.RateLimited, 5));

        Assert.Equal(TimeSpan.FromSeconds(3595), sut.Remaining(Claude));
    }

    [Fact]
    public void Record_KeysAreIsolatedByGroupAndPool()
    {
        var sut = CreateSut();

        sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));

        Assert.True(sut.IsCooling(Claude));
        Assert.False(sut.IsCooling(Claude with { Group = "gemini-pro" }));
        Assert.False(sut.IsCooling(Claude with { Pool = QuotaPools.GeminiCli }));
        Assert.False(sut.IsCooling(Claude with { AccountId = "a2" }));
    }

    [Fact]
    public void Record_ThreeServerErrorsInARow_CoolWholeAccount()
    {
        var sut = CreateSut();
        var error = Failure(UpstreamFailureKind.ServerError, status: 500);

        sut.Record(Claude, error);
        sut.Record(Claude, error);
        Assert.False(sut.IsCooling(Claude));
        sut.Record(Claude, error);

        Assert.Equal(TimeSpan.FromSeconds(20), sut.Remaining(Claude));
        Assert.True(sut.IsCooling(new RateLimitKey("a1", "gemini-flash", QuotaPools.GeminiCli)));
    }

    [Fact]
    public void Record_ServerErrorsSpreadBeyondWindow_DoNotCool()
    {
        var sut = CreateSut();
        var error = Failure(UpstreamFailureKind.Network, status: 0);
        for (var i = 0; i < 6; i++)
        {
            sut.Record(Claude, error);
            _time.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.False(sut.IsCooling(Claude));
    }

    [Fact]
    public void RecordSuccess_BetweenServerErrors_ResetsTheCount()
    {
        var sut = CreateSut();
        var error = Failure(UpstreamFailureKind.ServerError, status: 502);
        sut.Record(Claude, error);
        sut.Record(Claude, error);

        sut.RecordSuccess(Claude, _time.GetTimestamp() + 1);
        sut.Record(Claude, error);
        sut.Record(Claude, error);

        Assert.False(sut.IsCooling(Claude));
    }

    [Fact]
    public void Record_ValidationRequired_CoolsWholeAccountTenMinutes()
    {
        var sut = CreateSut();

        var result = sut.Record(Claude, Failure(UpstreamFailureKind.ValidationRequired, status: 403));

        Assert.True(result.Key.IsAccountWide);
        Assert.Equal(TimeSpan.FromMinutes(10), sut.Remaining(new RateLimitKey("a1", "gemini-pro", QuotaPools.Antigravity)));
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(sut.IsCooling(Claude));
    }

    [Fact]
    public void Record_NotFound_CoolsOnlyTheKey()
    {
        var sut = CreateSut();

        sut.Record(Claude, Failure(UpstreamFailureKind.NotFound, status: 404));

        Assert.Equal(TimeSpan.FromSeconds(60), sut.Remaining(Claude));
        Assert.False(sut.IsCooling(Claude with { Group = "gemini-pro" }));
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.BadRequest))]
    [InlineData(nameof(UpstreamFailureKind.ClientError))]
    public void Record_ClientErrors_Ignored(string kindName)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        var sut = CreateSut();

        var result = sut.Record(Claude, Failure(kind, status: 400));

        Assert.False(result.Counted);
        Assert.False(sut.IsCooling(Claude));
    }

    [Fact]
    public void IsCooling_AfterCooldownElapses_False()
    {
        var sut = CreateSut();
        sut.Record(Claude, Failure(UpstreamFailureKind.RateLimited, 10));

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.True(sut.IsCooling(Claude));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.False(sut.IsCooling(Claude));
        Assert.Null(sut.CoolingUntil(Claude));
    }

    [Fact]
    public void SoonestAvailable_AllCooling_Minimum_AnyFree_Zero()
    {
        var sut = CreateSut();
        sut.Record(new RateLimitKey("a1", "claude", "antigravity"), Failure(UpstreamFailureKind.RateLimited, 50));
        sut.Record(new RateLimitKey("a2", "claude", "antigravity"), Failure(UpstreamFailureKind.RateLimited, 20));

        Assert.Equal(TimeSpan.FromSeconds(20), sut.SoonestAvailable(["a1", "a2"], "claude", "antigravity"));
        Assert.Equal(TimeSpan.Zero, sut.SoonestAvailable(["a1", "a2", "a3"], "claude", "antigravity"));
        Assert.Null(sut.SoonestAvailable([], "claude", "antigravity"));
    }

    [Fact]
    public void SnapshotRestore_AfterRestart_CooldownsSurviveAndExpiredAreDropped()
    {
        var before = CreateSut();
        before.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted, 3600));
        before.Record(new RateLimitKey("a2", "gemini-pro", QuotaPools.GeminiCli), Failure(UpstreamFailureKind.RateLimited, 5));
        before.Record(Claude, Failure(UpstreamFailureKind.ValidationRequired, status: 403));
        var snapshot = before.Snapshot();
        Assert.Equal(3, snapshot.Count);

        // A new process 30 s later: a fresh clock whose timestamps start elsewhere.
        var restarted = new FakeTimeProvider(Start + TimeSpan.FromSeconds(30));
        var after = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), restarted, new ScriptedRandom());
        after.Restore(snapshot);

        Assert.Equal(TimeSpan.FromSeconds(3570), after.Remaining(Claude with { Group = "claude" }));
        Assert.Equal(Start + TimeSpan.FromSeconds(3600), after.CoolingUntil(Claude));
        Assert.False(after.IsCooling(new RateLimitKey("a2", "gemini-pro", QuotaPools.GeminiCli)));
        Assert.Equal(TimeSpan.FromSeconds(570), after.Remaining(new RateLimitKey("a1", "gemini-flash", QuotaPools.Antigravity)));
        var entry = Assert.Single(after.Snapshot(), e => e.Group == "claude");
        Assert.Equal(UpstreamFailureKind.QuotaExhausted, entry.Kind);
        Assert.Equal(1, entry.ConsecutiveFailures);
    }

    [Fact]
    public void Clear_Account_RemovesEveryKeyOfIt()
    {
        var sut = CreateSut();
        sut.Record(Claude, Failure(UpstreamFailureKind.QuotaExhausted));
        sut.Record(Claude, Failure(UpstreamFailureKind.ValidationRequired, status: 403));

        sut.Clear("a1");

        Assert.False(sut.IsCooling(Claude));
    }
}
