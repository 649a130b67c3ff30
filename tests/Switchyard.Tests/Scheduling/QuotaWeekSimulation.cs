using Switchyard.Scheduling;

namespace Switchyard.Tests.Scheduling;

/// <summary>
/// A synthetic week of traffic over a pool of four PRO accounts, driven through the real <see cref="AccountScheduler"/>
/// on a fake clock. Each account has a 5 h window (<see cref="FiveHourUnits"/> requests; it starts at the first request
/// after it refilled) and a weekly window (<see cref="WeeklyUnits"/>) whose resets are staggered over the week, the
/// accounts having started their weeks on different days: the sooner an account's weekly reset, the less it has left.
/// Traffic: weekdays 22 requests an hour from 09:00 to 18:00 and 5 an hour otherwise, weekends 3 an hour (1509 in the
/// week, 94 % of the pool's weekly quota). Every request spends one unit of both windows of the account picked; a
/// window reaching 0 keeps its account out until its reset. What a window holds when it resets is wasted.
/// </summary>
internal sealed class QuotaWeekSimulation(string strategy)
{
    public const int FiveHourUnits = 60;
    public const int WeeklyUnits = 400;
    private const string Family = "3p";

    private static readonly DateTimeOffset Monday = new(2026, 7, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hours from Monday 00:00 to each account's weekly reset, and what its weekly window holds at the start.</summary>
    private static readonly (double ResetHour, double Fraction)[] Starts = [(21, 0.30), (63, 0.45), (105, 0.60), (147, 0.80)];

    public sealed record Result(string Strategy, int Served, int Unserved, double WeeklyWasted, double FiveHourWasted);

    public Result Run()
    {
        var sut = new SchedulerFixture(new SchedulingOptions { Strategy = strategy, MaxWaitSeconds = 0 });
        sut.Time.SetUtcNow(Monday);
        var accounts = Starts.Select((s, i) => new SimAccount($"a{i + 1}", s.Fraction * WeeklyUnits, Monday.AddHours(s.ResetHour))).ToList();
        int served = 0, unserved = 0;
        double weeklyWasted = 0, fiveHourWasted = 0;
        for (var hour = 0; hour < 168; hour++)
        {
            var start = Monday.AddHours(hour);
            var rate = RequestsPerHour(start);
            for (var r = 0; r < rate; r++)
            {
                var now = start.AddSeconds(3600.0 * r / rate);
                sut.Time.SetUtcNow(now);
                foreach (var a in accounts)
                {
                    (weeklyWasted, fiveHourWasted) = (weeklyWasted + a.ResetWeekly(now), fiveHourWasted + a.ResetFiveHour(now));
                }

                var candidates = accounts.Select(a => a.Candidate()).ToList();
                var decision = sut.Scheduler.Pick(candidates, new SchedulingRequest(null, SchedulerFixture.Group, SchedulerFixture.Pool));
                if (decision.Outcome != SchedulingOutcome.Selected)
                {
                    unserved++;
                    continue;
                }

                accounts.Single(a => a.Id == decision.Account!.AccountId).Spend(now);
                sut.Scheduler.ReportSuccess(decision.Account!.AccountId);
                served++;
            }
        }

        var end = Monday.AddHours(168);
        foreach (var a in accounts)
        {
            (weeklyWasted, fiveHourWasted) = (weeklyWasted + a.ResetWeekly(end), fiveHourWasted + a.ResetFiveHour(end));
        }

        return new Result(strategy, served, unserved, weeklyWasted, fiveHourWasted);
    }

    private static int RequestsPerHour(DateTimeOffset at) =>
        at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 3
        : at.Hour is >= 9 and < 18 ? 22
        : 5;

    private sealed class SimAccount(string id, double weekly, DateTimeOffset weeklyReset)
    {
        private double _weekly = weekly;
        private DateTimeOffset _weeklyReset = weeklyReset;
        private double _fiveHour = FiveHourUnits;
        private DateTimeOffset? _fiveHourReset;

        public string Id => id;

        public SchedulingCandidate Candidate()
        {
            var f5 = _fiveHour / FiveHourUnits;
            var fw = _weekly / WeeklyUnits;
            return new SchedulingCandidate(id, id + "@example.com", AccountTier.Pro, Enabled: f5 > 0 && fw > 0, RemainingFraction: Math.Min(f5, fw),
                Windows: [new CandidateWindow(Family + "-5h", f5, _fiveHourReset), new CandidateWindow(Family + "-weekly", fw, _weeklyReset)]);
        }

        public void Spend(DateTimeOffset now)
        {
            _fiveHourReset ??= now.AddHours(5);
            _fiveHour--;
            _weekly--;
        }

        /// <summary>What the weekly window held when it reset (0 when it did not reset by <paramref name="now"/>).</summary>
        public double ResetWeekly(DateTimeOffset now)
        {
            if (now < _weeklyReset)
            {
                return 0;
            }

            var lost = _weekly;
            (_weekly, _weeklyReset) = (WeeklyUnits, _weeklyReset.AddDays(7));
            return lost;
        }

        /// <summary>What a started 5 h window held when it reset, in 5 h units (bounded by what the weekly window had left).</summary>
        public double ResetFiveHour(DateTimeOffset now)
        {
            if (_fiveHourReset is not { } reset || now < reset)
            {
                return 0;
            }

            var lost = Math.Min(_fiveHour, _weekly);
            (_fiveHour, _fiveHourReset) = (FiveHourUnits, null);
            return lost;
        }
    }
}
