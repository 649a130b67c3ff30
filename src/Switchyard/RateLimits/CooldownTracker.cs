using Microsoft.Extensions.Options;

namespace Switchyard.RateLimits;

/// <summary>
/// Rate-limit and failure state per (account, model group, quota pool), plus account-wide cooldowns.
/// Thread-safe (one lock; every operation is short). Windows and cooldowns run on the monotonic clock
/// (<see cref="TimeProvider.GetTimestamp"/>); wall time appears only in <see cref="CoolingUntil"/> and snapshots.
/// </summary>
/// <remarks>
/// Rules of <see cref="Record"/>:
/// <list type="bullet">
/// <item>429s and capacity: cooldown = the upstream's delay (at least <see cref="RateLimitOptions.MinimumCooldownSeconds"/>)
/// or else the kind's ladder step for the key's consecutive count. A 429 within the dedupe window of the previous
/// counted one does not count again (concurrent requests hitting one limit); the longer cooldown wins.</item>
/// <item>403 VALIDATION_REQUIRED or a Terms of Service ban: account-wide cooldown (10 min by default).</item>
/// <item>404: the key cools for <see cref="RateLimitOptions.NotFoundCooldownSeconds"/>.</item>
/// <item>5xx, network, 401, other 403: counted per account; <see cref="RateLimitOptions.FailureThreshold"/> of them
/// within <see cref="RateLimitOptions.FailureWindowSeconds"/> cool the whole account for the server ladder step.</item>
/// <item>400 and other 4xx: ignored (the request was at fault, not the account).</item>
/// </list>
/// <see cref="RecordSuccess"/> clears the key and the account-wide state, unless a failure was recorded on them after the
/// successful request was sent (a cooldown another request learned meanwhile stands). <see cref="Lock"/> and <see cref="Release"/> let the
/// quota summary hold a family's window until its reset and release it when a newer reading shows quota again.
/// </remarks>
internal sealed class CooldownTracker(IOptionsMonitor<RateLimitOptions> options, TimeProvider time, IRandomSource random)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<RateLimitKey, KeyState> _keys = [];
    private long _version;

    /// <summary>The ladders and windows in force (a configuration reload changes them for the next failure).</summary>
    private RateLimitOptions Options => options.CurrentValue;

    /// <summary>Changes with every recorded failure, success, clear or restore (for persistence).</summary>
    public long Version => Interlocked.Read(ref _version);

    public CooldownResult Record(RateLimitKey key, UpstreamFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var now = time.GetTimestamp();
        lock (_gate)
        {
            _version++;
            switch (failure.Kind)
            {
                case UpstreamFailureKind.RateLimited or UpstreamFailureKind.QuotaExhausted
                    or UpstreamFailureKind.UnknownRateLimit or UpstreamFailureKind.CapacityExhausted:
                    return RecordLimit(key, failure, now);
                case UpstreamFailureKind.ValidationRequired or UpstreamFailureKind.TermsOfServiceBan:
                {
                    var account = RateLimitKey.AccountWide(key.AccountId);
                    var state = Get(account);
                    var cooldown = BackoffLadders.For(failure.Kind, 1, Options, random);
                    state.Extend(now, cooldown, failure.Kind, time);
                    return new CooldownResult(true, state.Consecutive, state.Remaining(time, now), account);
                }

                case UpstreamFailureKind.NotFound:
                {
                    var state = Get(key);
                    state.Extend(now, BackoffLadders.For(failure.Kind, 1, Options, random), failure.Kind, time);
                    return new CooldownResult(true, state.Consecutive, state.Remaining(time, now), key);
                }

                case UpstreamFailureKind.ServerError or UpstreamFailureKind.Network
                    or UpstreamFailureKind.Unauthorized or UpstreamFailureKind.Forbidden:
                    return RecordAccountFailure(key.AccountId, failure, now);
                default:
                    return new CooldownResult(false, 0, TimeSpan.Zero, key);
            }
        }
    }

    /// <summary>
    /// Holds <paramref name="key"/> for <paramref name="length"/> (unless a longer hold is running), as an observation made
    /// now: a quota window the upstream's summary reports empty until its reset (upstream-2026 §1).
    /// </summary>
    public void Lock(RateLimitKey key, TimeSpan length, UpstreamFailureKind kind)
    {
        if (length <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetTimestamp();
        lock (_gate)
        {
            _version++;
            var state = Get(key);
            state.Extend(now, length < RetryDelayParser.MaxDelay ? length : RetryDelayParser.MaxDelay, kind, time);
            state.LastLimitAt = now;
        }
    }

    /// <summary>
    /// A newer observation says the key's quota is back: releases a rate-limit or quota hold recorded before
    /// <paramref name="observedAt"/> (a <see cref="TimeProvider.GetTimestamp"/> taken before the observation was asked
    /// for). A hold recorded later stands: an older "100 % left" never outranks a 429. True when it released one.
    /// </summary>
    public bool Release(RateLimitKey key, long observedAt)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state)
                || state.Kind is not (UpstreamFailureKind.QuotaExhausted or UpstreamFailureKind.RateLimited or UpstreamFailureKind.UnknownRateLimit)
                || (state.LastLimitAt ?? state.CooldownStart) >= observedAt)
            {
                return false;
            }

            _keys.Remove(key);
            _version++;
            return true;
        }
    }

    /// <summary>
    /// A success of a request sent at <paramref name="sentAt"/> (a <see cref="TimeProvider.GetTimestamp"/>) clears the
    /// key's limits and counters and the account-wide state, each only if nothing was recorded on it since that send:
    /// a 429 another request got while this one was in flight is newer news than this success.
    /// </summary>
    public void RecordSuccess(RateLimitKey key, long sentAt)
    {
        lock (_gate)
        {
            if (RemoveIfOlder(key, sentAt) | RemoveIfOlder(RateLimitKey.AccountWide(key.AccountId), sentAt))
            {
                _version++;
            }
        }
    }

    private bool RemoveIfOlder(RateLimitKey key, long sentAt) =>
        _keys.TryGetValue(key, out var state) && (state.LastRecordedAt is not { } recorded || recorded < sentAt) && _keys.Remove(key);

    /// <summary>Forget everything about an account (it was re-enabled or re-authorized by hand).</summary>
    public void Clear(string accountId)
    {
        lock (_gate)
        {
            foreach (var key in _keys.Keys.Where(k => k.AccountId == accountId).ToList())
            {
                _keys.Remove(key);
                _version++;
            }
        }
    }

    /// <summary>Forgets every key (admin API); returns how many cooldowns were in force.</summary>
    public int ClearAll()
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            var cooling = _keys.Values.Count(s => s.Remaining(time, now) > TimeSpan.Zero);
            _keys.Clear();
            _version++;
            return cooling;
        }
    }

    public bool IsCooling(RateLimitKey key) => Remaining(key) > TimeSpan.Zero;

    /// <summary>How long until the key is usable: the longer of its own and the account-wide cooldown.</summary>
    public TimeSpan Remaining(RateLimitKey key) => Status(key).Remaining;

    /// <summary>The remaining cooldown and the kind of failure that set it (null when not cooling).</summary>
    public (TimeSpan Remaining, UpstreamFailureKind? Kind) Status(RateLimitKey key)
    {
        var now = time.GetTimestamp();
        lock (_gate)
        {
            var best = (TimeSpan.Zero, (UpstreamFailureKind?)null);
            foreach (var k in key.IsAccountWide ? [key] : new[] { key, RateLimitKey.AccountWide(key.AccountId) })
            {
                if (_keys.TryGetValue(k, out var state) && state.Remaining(time, now) is var r && r > best.Item1)
                {
                    best = (r, state.Kind);
                }
            }

            return best;
        }
    }

    /// <summary>Wall-clock end of the key's cooldown, or null when it is usable.</summary>
    public DateTimeOffset? CoolingUntil(RateLimitKey key) =>
        Remaining(key) is var r && r > TimeSpan.Zero ? time.GetUtcNow() + r : null;

    /// <summary>
    /// How long until the first of <paramref name="accountIds"/> is usable for (group, pool): zero if one already is,
    /// null when the list is empty.
    /// </summary>
    public TimeSpan? SoonestAvailable(IEnumerable<string> accountIds, string group, string pool)
    {
        TimeSpan? soonest = null;
        foreach (var id in accountIds)
        {
            var r = Remaining(new RateLimitKey(id, group, pool));
            if (soonest is null || r < soonest)
            {
                soonest = r;
            }
        }

        return soonest;
    }

    /// <summary>Every cooldown still in force, in wall time, for the storage layer to persist.</summary>
    public IReadOnlyList<CooldownSnapshotEntry> Snapshot()
    {
        var now = time.GetTimestamp();
        var wall = time.GetUtcNow();
        lock (_gate)
        {
            return _keys
                .Select(p => (p.Key, p.Value, Remaining: p.Value.Remaining(time, now)))
                .Where(e => e.Remaining > TimeSpan.Zero)
                .Select(e => new CooldownSnapshotEntry(e.Key.AccountId, e.Key.Group, e.Key.Pool, e.Value.Kind ?? UpstreamFailureKind.ServerError, wall + e.Remaining, e.Value.Consecutive))
                .OrderBy(e => e.AccountId, StringComparer.Ordinal).ThenBy(e => e.Group, StringComparer.Ordinal).ThenBy(e => e.Pool, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Loads persisted cooldowns; entries already over are skipped. Counters restart their quiet period now.</summary>
    public void Restore(IEnumerable<CooldownSnapshotEntry> entries)
    {
        var now = time.GetTimestamp();
        var wall = time.GetUtcNow();
        lock (_gate)
        {
            _version++;
            foreach (var e in entries)
            {
                var remaining = e.CoolingUntil - wall;
                if (remaining <= TimeSpan.Zero)
                {
                    continue;
                }

                var state = Get(new RateLimitKey(e.AccountId, e.Group, e.Pool));
                state.Extend(now, remaining < RetryDelayParser.MaxDelay ? remaining : RetryDelayParser.MaxDelay, e.Kind, time);
                state.Consecutive = Math.Max(state.Consecutive, e.ConsecutiveFailures);
                state.LastCountedAt ??= now;
                state.LastLimitAt = now;
            }
        }
    }

    private CooldownResult RecordLimit(RateLimitKey key, UpstreamFailure failure, long now)
    {
        var state = Get(key);
        if (state.LastCountedAt is { } last && time.GetElapsedTime(last, now).TotalSeconds >= Options.FailureCounterResetSeconds)
        {
            state.Consecutive = 0;
        }

        var duplicate = state.LastCountedAt is { } previous
            && state.Consecutive > 0
            && time.GetElapsedTime(previous, now).TotalSeconds < Options.DedupeWindowSeconds;
        if (!duplicate)
        {
            state.Consecutive++;
            state.LastCountedAt = now;
        }

        var minimum = TimeSpan.FromSeconds(Options.MinimumCooldownSeconds);
        var cooldown = failure.RetryDelay is { } given
            ? (given > minimum ? given : minimum)
            : BackoffLadders.For(failure.Kind, state.Consecutive, Options, random);
        state.Extend(now, cooldown, failure.Kind, time);
        state.LastLimitAt = now;
        return new CooldownResult(!duplicate, state.Consecutive, state.Remaining(time, now), key);
    }

    private CooldownResult RecordAccountFailure(string accountId, UpstreamFailure failure, long now)
    {
        var key = RateLimitKey.AccountWide(accountId);
        var state = Get(key);
        if (state.WindowStart is not { } start || time.GetElapsedTime(start, now).TotalSeconds >= Options.FailureWindowSeconds)
        {
            state.WindowStart = now;
            state.WindowFailures = 0;
        }

        state.WindowFailures++;
        state.LastRecordedAt = now;
        if (state.WindowFailures >= Options.FailureThreshold)
        {
            state.Consecutive++;
            state.LastCountedAt = now;
            state.WindowFailures = 0;
            state.WindowStart = null;
            state.Extend(now, BackoffLadders.For(failure.Kind, state.Consecutive, Options, random), failure.Kind, time);
        }

        return new CooldownResult(true, state.WindowFailures, state.Remaining(time, now), key);
    }

    private KeyState Get(RateLimitKey key)
    {
        if (!_keys.TryGetValue(key, out var state))
        {
            state = new KeyState();
            _keys[key] = state;
        }

        return state;
    }

    /// <summary>Mutable state of one key; only touched under <see cref="_gate"/>.</summary>
    private sealed class KeyState
    {
        public long CooldownStart { get; private set; }

        public TimeSpan CooldownLength { get; private set; }

        public UpstreamFailureKind? Kind { get; private set; }

        public int Consecutive { get; set; }

        public long? LastCountedAt { get; set; }

        /// <summary>When a limit on this key was last observed (a 429 or a summary), for <see cref="Release"/>.</summary>
        public long? LastLimitAt { get; set; }

        /// <summary>When anything was last recorded on this key (a limit, a hold, a counted failure), for <see cref="RecordSuccess"/>.</summary>
        public long? LastRecordedAt { get; set; }

        public long? WindowStart { get; set; }

        public int WindowFailures { get; set; }

        public TimeSpan Remaining(TimeProvider time, long now)
        {
            if (CooldownLength <= TimeSpan.Zero)
            {
                return TimeSpan.Zero;
            }

            var left = CooldownLength - time.GetElapsedTime(CooldownStart, now);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        /// <summary>Sets a cooldown of <paramref name="length"/> from now unless a longer one is already running.</summary>
        public void Extend(long now, TimeSpan length, UpstreamFailureKind kind, TimeProvider time)
        {
            LastRecordedAt = now;
            if (length > Remaining(time, now))
            {
                CooldownStart = now;
                CooldownLength = length;
                Kind = kind;
            }
        }
    }
}
