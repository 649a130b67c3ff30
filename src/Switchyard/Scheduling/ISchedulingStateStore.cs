namespace Switchyard.Scheduling;

/// <summary>
/// Hot scheduling state (DESIGN decision 5): session bindings, cursors and counters, current accounts, and
/// per-account usage (health, tokens, last use). In memory now (<see cref="InMemorySchedulingStateStore"/>);
/// small enough to move to a shared store later. Every member is safe to call concurrently.
/// </summary>
internal interface ISchedulingStateStore
{
    /// <summary>The account a session is bound to for a model group, or null (unknown or expired).</summary>
    string? GetBinding(string sessionKey, string group);

    void SetBinding(string sessionKey, string group, string accountId);

    void RemoveBinding(string sessionKey, string group);

    /// <summary>Live bindings (for the dashboard and tests).</summary>
    int BindingCount { get; }

    /// <summary>Forgets every session binding (admin API); returns how many were live.</summary>
    int ClearBindings();

    /// <summary>Returns the counter's value, then adds one (first call: 0). Used for cursors and session offsets.</summary>
    long Increment(string counter);

    /// <summary>The account a scope (group|pool) used last, for requests without a session.</summary>
    string? GetCurrent(string scope);

    /// <summary>The account a scope used last and when (a <see cref="TimeProvider.GetTimestamp"/> reading), for the reuse window.</summary>
    (string AccountId, long At)? GetLastPick(string scope);

    /// <summary>Records the scope's pick now.</summary>
    void SetCurrent(string scope, string accountId);

    AccountUsage? GetUsage(string accountId);

    /// <summary>Atomically replaces an account's usage with <paramref name="update"/>(old); returns the new value.</summary>
    AccountUsage UpdateUsage(string accountId, Func<AccountUsage?, AccountUsage> update);
}
