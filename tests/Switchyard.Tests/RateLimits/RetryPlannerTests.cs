using Microsoft.Extensions.Time.Testing;
using Switchyard.RateLimits;

namespace Switchyard.Tests.RateLimits;

public sealed class RetryPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitOptions Defaults = new();
    private static readonly AttemptState FirstOnTwoHosts = new(HostCount: 2);

    private static RetryDecision Decide(UpstreamFailure failure, AttemptState? state = null, double random = 0.5) =>
        RetryPlanner.Decide(failure, state ?? FirstOnTwoHosts, Defaults, new ScriptedRandom(random));

    private static UpstreamFailure Failure(UpstreamFailureKind kind, int status, double? delay = null) =>
        new(kind, status, delay is { } d ? TimeSpan.FromSeconds(d) : null);

    [Fact]
    public void Decide_BadRequest_GiveUpPassThroughWithoutPenalty()
    {
        var d = Assert.IsType<RetryDecision.GiveUp>(Decide(Failure(UpstreamFailureKind.BadRequest, 400)));

        Assert.Equal(400, d.ClientStatus);
        Assert.True(d.PassThrough);
        Assert.False(d.Penalize);
    }

    [Fact]
    public void Decide_OtherClientError_PassesItsStatusThrough()
    {
        var d = Assert.IsType<RetryDecision.GiveUp>(Decide(Failure(UpstreamFailureKind.ClientError, 413)));

        Assert.Equal(413, d.ClientStatus);
        Assert.True(d.PassThrough);
    }

    [Fact]
    public void Decide_ResponseAlreadyStarted_GiveUpEvenForRetryableFailure()
    {
        var d = Assert.IsType<RetryDecision.GiveUp>(Decide(Failure(UpstreamFailureKind.ServerError, 500), FirstOnTwoHosts with { ResponseStarted = true }));

        Assert.Equal(502, d.ClientStatus);
        Assert.False(d.PassThrough);
    }

    [Fact]
    public void Decide_AttemptLimitReached_GiveUp429WithServerRetryAfter()
    {
        var d = Assert.IsType<RetryDecision.GiveUp>(Decide(Failure(UpstreamFailureKind.QuotaExhausted, 429, 120), new AttemptState(Attempt: 3, MaxAttempts: 3)));

        Assert.Equal(429, d.ClientStatus);
        Assert.Equal(TimeSpan.FromSeconds(120), d.RetryAfter);
        Assert.True(d.Penalize);
    }

    [Fact]
    public void Decide_AttemptLimitWithoutServerDelay_DefaultRetryAfter()
    {
        var d = Assert.IsType<RetryDecision.GiveUp>(Decide(Failure(UpstreamFailureKind.UnknownRateLimit, 429), new AttemptState(Attempt: 1, MaxAttempts: 1)));

        Assert.Equal(TimeSpan.FromSeconds(60), d.RetryAfter);
    }

    [Fact]
    public void Decide_Unauthorized_RefreshesOnceThenRotates()
    {
        var failure = Failure(UpstreamFailureKind.Unauthorized, 401);

        Assert.IsType<RetryDecision.RefreshTokenThenRetry>(Decide(failure));
        var second = Assert.IsType<RetryDecision.Rotate>(Decide(failure, FirstOnTwoHosts with { Attempt = 2, TokenRefreshed = true }));
        Assert.True(second.Penalize);
    }

    [Fact]
    public void Decide_ValidationRequired_RotatesAndPenalizes()
    {
        var d = Assert.IsType<RetryDecision.Rotate>(Decide(Failure(UpstreamFailureKind.ValidationRequired, 403)));

        Assert.True(d.Penalize);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    public void Decide_ServerErrorOnEveryHost_RotatesUnpenalizedOnceThenGivesUpWithoutCooling(int status)
    {
        var failure = Failure(UpstreamFailureKind.ServerError, status);

        Assert.IsType<RetryDecision.NextHost>(Decide(failure, new AttemptState(HostIndex: 0, HostCount: 2)));
        var first = Assert.IsType<RetryDecision.Rotate>(Decide(failure, new AttemptState(Attempt: 2, HostIndex: 1, HostCount: 2)));
        Assert.False(first.Penalize);
        var second = Assert.IsType<RetryDecision.GiveUp>(Decide(failure, new AttemptState(Attempt: 4, HostIndex: 1, HostCount: 2, ServerErrors: 1)));
        Assert.False(second.Penalize);
        Assert.Equal(502, second.ClientStatus);
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.Network), 0)]
    [InlineData(nameof(UpstreamFailureKind.Forbidden), 403)]
    public void Decide_HostFailure_NextHostThenRotateOnLastHost(string kindName, int status)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        var failure = Failure(kind, status);

        var first = Assert.IsType<RetryDecision.NextHost>(Decide(failure, new AttemptState(HostIndex: 0, HostCount: 3)));
        Assert.False(first.Penalize);
        Assert.IsType<RetryDecision.NextHost>(Decide(failure, new AttemptState(Attempt: 2, HostIndex: 1, HostCount: 3)));
        var last = Assert.IsType<RetryDecision.Rotate>(Decide(failure, new AttemptState(Attempt: 3, HostIndex: 2, HostCount: 3)));
        Assert.True(last.Penalize);
    }

    [Fact]
    public void Decide_NotFound_NextHostThenRotatesWithoutCoolingTheAccount()
    {
        var failure = Failure(UpstreamFailureKind.NotFound, 404);

        Assert.IsType<RetryDecision.NextHost>(Decide(failure, new AttemptState(HostIndex: 0, HostCount: 2)));
        var last = Assert.IsType<RetryDecision.Rotate>(Decide(failure, new AttemptState(Attempt: 2, HostIndex: 1, HostCount: 2)));
        Assert.False(last.Penalize);
    }

    [Fact]
    public void Decide_BareRateLimit_OneOtherAccountThenRequestScopedWithRetryAfterAndNothingCooled()
    {
        var bare = Failure(UpstreamFailureKind.UnknownRateLimit, 429);
        Assert.True(bare.IsBare);

        var first = Assert.IsType<RetryDecision.Rotate>(Decide(bare));
        Assert.False(first.Penalize);
        var second = Assert.IsType<RetryDecision.GiveUp>(Decide(bare, FirstOnTwoHosts with { Attempt = 2, BareRateLimits = 1 }));
        Assert.Equal((429, false, false), (second.ClientStatus, second.PassThrough, second.Penalize));
        Assert.Equal(TimeSpan.FromSeconds(Defaults.DefaultRetryAfterSeconds), second.RetryAfter);
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.UnsupportedClient), 403, false)]
    [InlineData(nameof(UpstreamFailureKind.CreditsExhausted), 429, false)]
    [InlineData(nameof(UpstreamFailureKind.TermsOfServiceBan), 403, true)]
    public void Decide_AccountScopedFailures_Rotate(string kindName, int status, bool penalize)
    {
        var d = Assert.IsType<RetryDecision.Rotate>(Decide(Failure(Enum.Parse<UpstreamFailureKind>(kindName), status)));

        Assert.Equal(penalize, d.Penalize);
    }

    [Fact]
    public void Decide_CapacityWithoutDelay_BacksOff1s2s4sThenNextHostThenRotates()
    {
        var failure = Failure(UpstreamFailureKind.CapacityExhausted, 503);
        var delays = new List<double>();
        var state = new AttemptState(HostCount: 2);
        for (var retry = 0; retry < 3; retry++)
        {
            var d = Assert.IsType<RetryDecision.WaitThenRetry>(Decide(failure, state with { CapacityRetriesOnHost = retry }));
            Assert.False(d.Penalize);
            delays.Add(d.Delay.TotalSeconds);
        }

        Assert.Equal([1, 2, 4], delays);
        Assert.IsType<RetryDecision.NextHost>(Decide(failure, state with { CapacityRetriesOnHost = 3 }));
        var rotate = Assert.IsType<RetryDecision.Rotate>(Decide(failure, state with { HostIndex = 1, CapacityRetriesOnHost = 3 }));
        Assert.True(rotate.Penalize);
    }

    [Theory]
    [InlineData(0.0, 0.9)]
    [InlineData(1.0, 1.1)]
    public void Decide_CapacityJitter_Within10Percent(double random, double seconds)
    {
        var d = Assert.IsType<RetryDecision.WaitThenRetry>(Decide(Failure(UpstreamFailureKind.CapacityExhausted, 529), random: random));

        Assert.Equal(seconds, d.Delay.TotalSeconds, 6);
    }

    [Fact]
    public void Decide_CapacityBackoff_CappedAtMax()
    {
        var d = Assert.IsType<RetryDecision.WaitThenRetry>(RetryPlanner.Decide(
            Failure(UpstreamFailureKind.CapacityExhausted, 503),
            new AttemptState(CapacityRetriesOnHost: 5),
            new RateLimitOptions { CapacityRetriesPerHost = 10 },
            new ScriptedRandom(0.5)));

        Assert.Equal(8, d.Delay.TotalSeconds, 6);
    }

    [Fact]
    public void Decide_CapacityWithShortServerDelay_WaitsThatLong()
    {
        var d = Assert.IsType<RetryDecision.WaitThenRetry>(Decide(Failure(UpstreamFailureKind.CapacityExhausted, 503, 3)));

        Assert.Equal(TimeSpan.FromSeconds(3), d.Delay);
    }

    [Fact]
    public void Decide_CapacityWithLongServerDelay_MovesOn()
    {
        Assert.IsType<RetryDecision.NextHost>(Decide(Failure(UpstreamFailureKind.CapacityExhausted, 429, 40)));
    }

    [Fact]
    public void Decide_RateLimitShortDelay_RetriesSameAccountOnceThenRotates()
    {
        var failure = Failure(UpstreamFailureKind.RateLimited, 429, 1.5);

        var first = Assert.IsType<RetryDecision.RetrySameAccount>(Decide(failure));
        Assert.Equal(TimeSpan.FromSeconds(1.5), first.Delay);
        Assert.False(first.Penalize);
        var second = Assert.IsType<RetryDecision.Rotate>(Decide(failure, FirstOnTwoHosts with { Attempt = 2, SameAccountRetries = 1 }));
        Assert.True(second.Penalize);
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.RateLimited), 30.0)]
    [InlineData(nameof(UpstreamFailureKind.QuotaExhausted), 7985.12)]
    [InlineData(nameof(UpstreamFailureKind.QuotaExhausted), null)]
    [InlineData(nameof(UpstreamFailureKind.UnknownRateLimit), 30.0)]
    public void Decide_RateLimitLongOrNoDelay_Rotates(string kindName, double? delay)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        var d = Assert.IsType<RetryDecision.Rotate>(Decide(Failure(kind, 429, delay)));

        Assert.True(d.Penalize);
    }

    [Fact]
    public void Decide_QuotaWithFallbackPoolAndNoOtherAccount_SwitchesPool()
    {
        var state = FirstOnTwoHosts with { FallbackPool = QuotaPools.GeminiCli, OtherAccountsAvailable = false };

        var d = Assert.IsType<RetryDecision.SwitchPool>(Decide(Failure(UpstreamFailureKind.QuotaExhausted, 429, 3600), state));

        Assert.Equal(QuotaPools.GeminiCli, d.Pool);
    }

    [Fact]
    public void Decide_QuotaWithFallbackPoolButOtherAccountFree_RotatesFirst()
    {
        var state = FirstOnTwoHosts with { FallbackPool = QuotaPools.GeminiCli, OtherAccountsAvailable = true };

        Assert.IsType<RetryDecision.Rotate>(Decide(Failure(UpstreamFailureKind.QuotaExhausted, 429, 3600), state));
    }

    [Fact]
    public void Decide_CacheFirstWaitBudgetCoversDelay_WaitsForSameAccount()
    {
        var state = FirstOnTwoHosts with { SameAccountWaitBudget = TimeSpan.FromSeconds(60) };

        var d = Assert.IsType<RetryDecision.WaitThenRetry>(Decide(Failure(UpstreamFailureKind.RateLimited, 429, 20), state));

        Assert.Equal(TimeSpan.FromSeconds(20), d.Delay);
        Assert.True(d.Penalize);
        Assert.IsType<RetryDecision.Rotate>(Decide(Failure(UpstreamFailureKind.RateLimited, 429, 61), state));
    }

    [Theory]
    [InlineData(nameof(UpstreamFailureKind.RateLimited), 429)]
    [InlineData(nameof(UpstreamFailureKind.QuotaExhausted), 429)]
    [InlineData(nameof(UpstreamFailureKind.UnknownRateLimit), 429)]
    [InlineData(nameof(UpstreamFailureKind.CapacityExhausted), 503)]
    [InlineData(nameof(UpstreamFailureKind.ServerError), 502)]
    [InlineData(nameof(UpstreamFailureKind.Network), 502)]
    [InlineData(nameof(UpstreamFailureKind.Unauthorized), 503)]
    [InlineData(nameof(UpstreamFailureKind.Forbidden), 503)]
    [InlineData(nameof(UpstreamFailureKind.ValidationRequired), 503)]
    [InlineData(nameof(UpstreamFailureKind.NotFound), 404)]
    public void ClientStatusFor_Kind_MappedStatus(string kindName, int expected)
    {
        var kind = Enum.Parse<UpstreamFailureKind>(kindName);
        Assert.Equal(expected, RetryPlanner.ClientStatusFor(Failure(kind, 999)));
    }

    public static TheoryData<int, string, string, double?> Templates() => new()
    {
        // status, body, expected decision, expected cooldown (s) once penalized
        { 429, UpstreamErrorClassifierTests.QuotaTemplate(), nameof(RetryDecision.Rotate), 7985.12 },
        { 429, UpstreamErrorClassifierTests.RateLimitTemplate("1.5s"), nameof(RetryDecision.RetrySameAccount), null },
        { 429, UpstreamErrorClassifierTests.RateLimitTemplate("12s"), nameof(RetryDecision.Rotate), 12 },
        { 429, UpstreamErrorClassifierTests.CapacityTemplate(429, "RESOURCE_EXHAUSTED"), nameof(RetryDecision.NextHost), null },
        { 503, """{"error":{"code":503,"message":"The service is currently unavailable.","status":"UNAVAILABLE"}}""", nameof(RetryDecision.WaitThenRetry), null },
        { 429, UpstreamErrorClassifierTests.GenericTemplate(), nameof(RetryDecision.Rotate), null },
        { 500, """{"error":{"code":500,"message":"Internal error encountered.","status":"INTERNAL"}}""", nameof(RetryDecision.NextHost), null },
        { 401, """{"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED"}}""", nameof(RetryDecision.RefreshTokenThenRetry), null },
        { 403, """{"error":{"code":403,"message":"Verify your account to continue.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION_REQUIRED"}]}}""", nameof(RetryDecision.Rotate), 600 },
        { 404, """{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}""", nameof(RetryDecision.NextHost), null },
        { 400, """{"error":{"code":400,"message":"Corrupted thought signature.","status":"INVALID_ARGUMENT"}}""", nameof(RetryDecision.GiveUp), null },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void ClassifyDecideRecord_UpstreamTemplate_DocumentedActionAndCooldown(int status, string body, string expectedDecision, double? expectedCooldown)
    {
        var time = new FakeTimeProvider(Now);
        var tracker = new CooldownTracker(new Switchyard.Tests.Models.FakeOptionsMonitor<RateLimitOptions>(new RateLimitOptions()), time, new ScriptedRandom(0.5));
        var key = new RateLimitKey("a1", "claude", QuotaPools.Antigravity);

        var failure = UpstreamErrorClassifier.Classify(status, new Dictionary<string, string>(), body, time.GetUtcNow());
        var decision = RetryPlanner.Decide(failure, FirstOnTwoHosts, Defaults, new ScriptedRandom(0.5));
        if (decision.Penalize)
        {
            tracker.Record(key, failure);
        }

        Assert.Equal(expectedDecision, decision.GetType().Name);
        Assert.Equal(expectedCooldown, tracker.IsCooling(key) ? tracker.Remaining(key).TotalSeconds : null);
    }
}
