using System.Text.Json.Nodes;
using Switchyard.RateLimits;
using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>The scheduler's reasoning as data on the decision.</summary>
public sealed class DecisionTraceTests
{
    [Fact]
    public void Pick_MixedPool_EveryCandidateWithItsStatusAndSkipReason()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { Strategy = SelectionPolicies.Hybrid });
        List<SchedulingCandidate> accounts =
        [
            new("tried", "t@x", AccountTier.Ultra),
            new("cooling", "c@x", AccountTier.Ultra),
            new("protected", "p@x", AccountTier.Ultra, ProtectionReached: true),
            new("unserved", "u@x", AccountTier.Ultra, ServesModel: false),
            new("pro", "pro@x", AccountTier.Pro, RemainingFraction: 0.8),
            new("free", "f@x", AccountTier.Free),
            new("off", "o@x", AccountTier.Ultra, Enabled: false),
        ];
        sut.Limit("cooling", 120);

        var details = sut.Pick(accounts, session: "conv", tried: new HashSet<string> { "tried" }).Details!;

        Assert.Equal(("selected", "hybrid", "pro", "PRO"), (details.Outcome, details.Strategy, details.AccountId, details.Tier));
        var byId = details.Candidates.ToDictionary(c => c.AccountId);
        Assert.DoesNotContain("off", byId.Keys);
        Assert.Equal("tried", byId["tried"].Skip);
        Assert.Equal(("cooling", 120.0), (byId["cooling"].Skip, byId["cooling"].CooldownSeconds));
        Assert.Equal("protected", byId["protected"].Skip);
        Assert.Equal("not-served", byId["unserved"].Skip);
        Assert.Equal("lower-tier", byId["free"].Skip);
        Assert.Equal("picked", byId["pro"].Status);
        Assert.Equal(0.8, byId["pro"].RemainingFraction);
        var score = byId["pro"].Score!;
        Assert.Equal(140, score.Health); // 2 × 70
        Assert.Equal(500, score.Tokens); // 5 × 100 % of the bucket
        Assert.Equal(360, score.Freshness); // 0.1 × 3600 s never used
        Assert.Equal(1000, score.Total);
        Assert.Equal(new SessionTrace("conv", null, "new"), details.Session);
        Assert.True(details.NewSession);
    }

    [Fact]
    public void Pick_BoundAccountLimited_BindingReboundAndWaitRecorded()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { Mode = SchedulingModes.CacheFirst, MaxWaitSeconds = 60 });
        var accounts = SchedulerFixture.Accounts(2);
        var first = sut.PickId(accounts, session: "conv");
        sut.Limit(first, 20);

        var waiting = sut.Pick(accounts, session: "conv", waited: TimeSpan.FromSeconds(5)).Details!;
        sut.Limit(first, 600);
        var rebound = sut.Pick(accounts, session: "conv").Details!;

        Assert.Equal(("wait", 20.0, 5.0, "waiting"), (waiting.Outcome, waiting.WaitSeconds, waiting.AlreadyWaitedSeconds, waiting.Session?.Binding));
        Assert.Equal(first, waiting.AccountId);
        Assert.Equal(("rebound", first), (rebound.Session?.Binding, rebound.Session?.BoundTo));
        Assert.NotEqual(first, rebound.AccountId);
        Assert.Equal("CacheFirst", rebound.Mode);
        Assert.Equal(60, rebound.ReuseWindowSeconds);
    }

    [Fact]
    public void Pick_FallbackPoolAndLastResortCredits_Recorded()
    {
        var sut = new SchedulerFixture();
        List<SchedulingCandidate> accounts = [new("a1", "a1@x", AccountTier.Pro, GeminiCli: true)];
        sut.Limit("a1", 3600, UpstreamFailureKind.QuotaExhausted);

        var details = sut.Pick(accounts, fallbackPool: QuotaPools.GeminiCli).Details!;

        Assert.Equal((QuotaPools.GeminiCli, QuotaPools.Antigravity), (details.Pool, details.FallbackFrom));
        Assert.Contains(details.Notes, n => n.Contains("using gemini-cli", StringComparison.Ordinal));
    }

    [Fact]
    public void Pick_Unavailable_ReasonAndCandidatesKept()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { MaxWaitSeconds = 0 });
        var accounts = SchedulerFixture.Accounts(2);
        sut.Limit("a1", 100);
        sut.Limit("a2", 200);

        var details = sut.Pick(accounts).Details!;

        Assert.Equal("unavailable", details.Outcome);
        Assert.Null(details.AccountId);
        Assert.Equal(100, details.WaitSeconds);
        Assert.All(details.Candidates, c => Assert.Equal("cooling", c.Skip));
    }

    [Fact]
    public void ToJson_Trace_CamelCaseWithoutNulls()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { Strategy = SelectionPolicies.Sticky });

        var json = JsonNode.Parse(sut.Pick(SchedulerFixture.Accounts(2)).Details!.ToJson())!.AsObject();

        Assert.Equal("sticky", (string?)json["strategy"]);
        Assert.Equal("a1", (string?)json["accountId"]);
        Assert.Equal(2, json["candidates"]!.AsArray().Count);
        Assert.False(json.ContainsKey("session"));
        Assert.Equal("picked", (string?)json["candidates"]![0]!["status"]);
    }

    [Fact]
    public void Pick_LargePool_HeaderLinesCappedButEveryCandidateInTheData()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { Strategy = SelectionPolicies.Sticky });
        var accounts = SchedulerFixture.Accounts(40);
        var tried = accounts.Take(39).Select(a => a.AccountId).ToHashSet();

        var decision = sut.Pick(accounts, tried: tried);

        Assert.Equal(40, decision.Details!.Candidates.Count);
        Assert.Equal(39, decision.Details.Candidates.Count(c => c.Skip == "tried"));
        Assert.True(decision.Trace.Count <= 26);
    }
}
