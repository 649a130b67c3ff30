using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The 2026 quota model (upstream-2026 §1): per account, a 5 h and a weekly bucket for each family
/// (<c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c>); free-tier accounts have the weekly
/// ones only. A content call needs both of its family's buckets non-empty (the weekly one wins) and spends both.
/// A bucket's window starts at its first charge and it refills when the window ends. Call everything under the gate.
/// </summary>
internal static class QuotaWindows
{
    public const string FiveHour = "5h";
    public const string Weekly = "weekly";

    /// <summary>Fractions at or below this count as empty (repeated subtraction leaves dust).</summary>
    public const double Empty = 1e-9;

    /// <summary>The four bucket ids in summary order: per family, weekly first.</summary>
    public static readonly string[] BucketIds = [Id(QuotaFamilies.Gemini, Weekly), Id(QuotaFamilies.Gemini, FiveHour), Id(QuotaFamilies.ThirdParty, Weekly), Id(QuotaFamilies.ThirdParty, FiveHour)];

    public static string Id(string family, string window) => $"{family}-{window}";

    /// <summary><c>gemini-5h</c> → (gemini, 5h); null for any other text.</summary>
    public static (string Family, string Window)? Parse(string bucketId)
    {
        foreach (var family in QuotaFamilies.All)
        {
            foreach (var window in (string[])[FiveHour, Weekly])
            {
                if (bucketId == Id(family, window))
                {
                    return (family, window);
                }
            }
        }

        return null;
    }

    /// <summary>The windows an account has for a family: weekly, then 5 h unless free tier.</summary>
    public static IEnumerable<string> WindowsOf(EmulatedAccount account) => account.IsFreeTier ? [Weekly] : [Weekly, FiveHour];

    public static bool Has(EmulatedAccount account, string window) => window == Weekly || !account.IsFreeTier;

    public static TimeSpan Length(EmulatorConfig config, string window) =>
        TimeSpan.FromSeconds(window == Weekly ? config.Quota.WeeklyWindowSeconds : config.Quota.FiveHourWindowSeconds);

    /// <summary>The bucket as it stands at <paramref name="now"/>: past its reset time it is full and fresh again.</summary>
    public static WindowBucket Current(EmulatedAccount account, string family, string window, DateTimeOffset now)
    {
        var id = Id(family, window);
        if (!account.Windows.TryGetValue(id, out var bucket))
        {
            bucket = new WindowBucket();
            account.Windows[id] = bucket;
        }

        if (bucket.ResetTime is { } reset && now >= reset)
        {
            bucket.RemainingFraction = 1.0;
            bucket.ResetTime = null;
        }

        return bucket;
    }

    /// <summary>When the bucket resets: its running window's end, or when a window opened now would end.</summary>
    public static DateTimeOffset ResetOf(EmulatedAccount account, WindowBucket bucket, string window, EmulatorConfig config, DateTimeOffset now) =>
        bucket.ResetTime ?? WindowEnd(account, window, config, now);

    /// <summary>The first empty window of the family (weekly before 5 h), with its reset time; null when both have quota.</summary>
    public static (string Window, DateTimeOffset Reset)? EmptyWindow(EmulatedAccount account, string family, EmulatorConfig config, DateTimeOffset now)
    {
        foreach (var window in WindowsOf(account))
        {
            var bucket = Current(account, family, window, now);
            if (bucket.RemainingFraction <= Empty)
            {
                bucket.RemainingFraction = 0;
                bucket.ResetTime ??= WindowEnd(account, window, config, now);
                return (window, bucket.ResetTime.Value);
            }
        }

        return null;
    }

    /// <summary>A served call spends each of the family's windows, starting any that are fresh.</summary>
    public static void Charge(EmulatedAccount account, string family, EmulatorConfig config, DateTimeOffset now)
    {
        foreach (var window in WindowsOf(account))
        {
            var bucket = Current(account, family, window, now);
            bucket.ResetTime ??= WindowEnd(account, window, config, now);
            var cost = bucket.CostPerRequest ?? (window == Weekly ? config.Quota.WeeklyCostPerRequest : config.Quota.FiveHourCostPerRequest);
            bucket.RemainingFraction = Math.Max(0, bucket.RemainingFraction - cost);
            if (bucket.RemainingFraction <= Empty)
            {
                bucket.RemainingFraction = 0;
            }
        }
    }

    /// <summary>Empties a window until <paramref name="resetTime"/> (quota faults and the control API).</summary>
    public static void Drain(EmulatedAccount account, string family, string window, DateTimeOffset resetTime, DateTimeOffset now)
    {
        var bucket = Current(account, family, window, now);
        bucket.RemainingFraction = 0;
        bucket.ResetTime = resetTime;
    }

    /// <summary>
    /// How a window reads at <paramref name="now"/>. <paramref name="stale"/> gives prod's stale answer (2026 §1.1):
    /// full, unstarted, as if no call had been made.
    /// </summary>
    public static WindowView View(EmulatedAccount account, string family, string window, EmulatorConfig config, DateTimeOffset now, bool stale = false)
    {
        if (stale)
        {
            return new WindowView(window, 1.0, now + Length(config, window), Started: false);
        }

        var bucket = Current(account, family, window, now);
        var fraction = bucket.RemainingFraction <= Empty ? 0 : bucket.RemainingFraction;
        return new WindowView(window, fraction, ResetOf(account, bucket, window, config, now), bucket.ResetTime is not null);
    }

    /// <summary>
    /// The end of a window that starts now: now + length when windows start at first use, else the end of the
    /// current slot of back-to-back windows counted from the account's creation.
    /// </summary>
    private static DateTimeOffset WindowEnd(EmulatedAccount account, string window, EmulatorConfig config, DateTimeOffset now)
    {
        var length = Length(config, window);
        if (window == FiveHour || config.Quota.WeeklyClockStartsAtFirstUse || length <= TimeSpan.Zero)
        {
            return now + length;
        }

        var elapsed = now - account.CreatedAt;
        var slots = elapsed < TimeSpan.Zero ? 0 : (long)(elapsed.Ticks / length.Ticks);
        return account.CreatedAt + TimeSpan.FromTicks(length.Ticks * (slots + 1));
    }
}

/// <summary>A window as the quota RPCs show it.</summary>
/// <param name="Started">Its clock is running (it has been charged or drained since it last refilled).</param>
internal readonly record struct WindowView(string Window, double Fraction, DateTimeOffset Reset, bool Started);
