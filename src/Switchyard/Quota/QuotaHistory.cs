using Switchyard.Accounts;

namespace Switchyard.Quota;

/// <summary>
/// The live quota readings of the last day per account and window key, for the forecast's recent rate. In memory
/// (a restart starts it afresh); bounded to <see cref="MaxSamples"/> per window. Thread-safe.
/// </summary>
internal sealed class QuotaHistory
{
    public const int MaxSamples = 288;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Key), List<QuotaSample>> _samples = [];

    /// <summary>Records a reading's windows, taken at <paramref name="at"/>.</summary>
    public void Record(string accountId, IEnumerable<QuotaEntry> windows, DateTimeOffset at)
    {
        lock (_gate)
        {
            foreach (var w in windows.Where(w => !w.Disabled && QuotaKeys.IsWindow(w.Group)))
            {
                if (!_samples.TryGetValue((accountId, w.Group), out var list))
                {
                    _samples[(accountId, w.Group)] = list = [];
                }

                list.Add(new QuotaSample(at, w.RemainingFraction, w.ResetTime));
                if (list.Count > MaxSamples)
                {
                    list.RemoveAt(0);
                }
            }
        }
    }

    /// <summary>The samples of one account's window since <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<QuotaSample> Since(string accountId, string key, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _samples.TryGetValue((accountId, key), out var list) ? [.. list.Where(s => s.At >= since)] : [];
        }
    }

    /// <summary>
    /// The fraction of the window spent per hour over the samples since <paramref name="since"/>: the falls between
    /// successive readings of the same window (a refill is not a negative spend) over the time they cover. Null with
    /// fewer than two samples.
    /// </summary>
    public (double Spent, TimeSpan Covered)? Spend(string accountId, string key, DateTimeOffset since)
    {
        var samples = Since(accountId, key, since);
        if (samples.Count < 2)
        {
            return null;
        }

        var spent = 0.0;
        for (var i = 1; i < samples.Count; i++)
        {
            var fall = samples[i - 1].Fraction - samples[i].Fraction;
            if (fall > 0)
            {
                spent += fall;
            }
        }

        return (spent, samples[^1].At - samples[0].At);
    }
}

/// <summary>One reading of a window.</summary>
internal sealed record QuotaSample(DateTimeOffset At, double Fraction, DateTimeOffset? ResetAt);
