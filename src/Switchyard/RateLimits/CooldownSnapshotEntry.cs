namespace Switchyard.RateLimits;

/// <summary>
/// One persisted cooldown: a plain record the storage layer writes and gives back to
/// <see cref="CooldownTracker.Restore"/> after a restart. Times are wall clock (UTC).
/// </summary>
internal sealed record CooldownSnapshotEntry(
    string AccountId,
    string Group,
    string Pool,
    UpstreamFailureKind Kind,
    DateTimeOffset CoolingUntil,
    int ConsecutiveFailures);

/// <summary>What <see cref="CooldownTracker.Record"/> did with a failure.</summary>
/// <param name="Counted">False when the failure was a duplicate inside the dedupe window or not tracked at all.</param>
/// <param name="ConsecutiveFailures">The key's count after this failure.</param>
/// <param name="Cooldown">The cooldown now in force for the key (zero when none).</param>
/// <param name="Key">The key the cooldown sits on (account-wide for verification and repeated failures).</param>
internal sealed record CooldownResult(bool Counted, int ConsecutiveFailures, TimeSpan Cooldown, RateLimitKey Key);
