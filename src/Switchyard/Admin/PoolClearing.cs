using Switchyard.Accounts;
using Switchyard.RateLimits;
using Switchyard.Scheduling;
using Switchyard.Storage;

namespace Switchyard.Admin;

/// <summary>
/// Clearing cooldowns and session bindings, from the admin API at once and from the CLI through
/// <see cref="PoolClearStore"/> (polled every <see cref="PollInterval"/>). A cleared cooldown is written to the database
/// before the answer, so it stays cleared after a restart. Bindings live in memory only: a restart starts without them.
/// </summary>
internal sealed partial class PoolClearing(
    CooldownTracker cooldowns,
    CooldownPersistence persistence,
    AccountStore accounts,
    ISchedulingStateStore state,
    PoolClearStore requests,
    TimeProvider time,
    ILogger<PoolClearing> logger) : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _polling = new(1, 1);
    private long _seen;
    private ITimer? _timer;

    /// <summary>Clears every cooldown (or one account's) in memory and in the database; returns how many were in force.</summary>
    public async Task<int> ClearCooldownsAsync(string? accountId, CancellationToken cancellationToken)
    {
        int count;
        if (accountId is null)
        {
            count = cooldowns.ClearAll();
        }
        else
        {
            count = cooldowns.Snapshot().Count(e => e.AccountId == accountId);
            cooldowns.Clear(accountId);
        }

        foreach (var account in await accounts.ListAsync(cancellationToken))
        {
            if (account.CooldownUntil is not null && (accountId is null || account.Id == accountId))
            {
                await accounts.SetCooldownAsync(account.Id, null, null, cancellationToken);
            }
        }

        await persistence.SaveIfChangedAsync(cancellationToken);
        LogCleared(accountId ?? "every account", count);
        return count;
    }

    public int ClearBindings()
    {
        var count = state.ClearBindings();
        LogBindingsCleared(count);
        return count;
    }

    /// <summary>Applies the CLI's clear requests made since the last look.</summary>
    public async Task ApplyPendingAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken);
        try
        {
            foreach (var request in await requests.AfterAsync(_seen, cancellationToken))
            {
                _seen = request.Id;
                if (request.What == PoolClearKinds.Cooldowns)
                {
                    await ClearCooldownsAsync(request.AccountId, cancellationToken);
                }
                else if (request.What == PoolClearKinds.Bindings)
                {
                    ClearBindings();
                }
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            LogPollFailed(ex.Message);
        }
        finally
        {
            _polling.Release();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // What the CLI asked before this start is already in the database (it deletes the rows itself).
        _seen = await requests.LastIdAsync(cancellationToken);
        _timer = time.CreateTimer(_ => _ = ApplyPendingAsync(CancellationToken.None), null, PollInterval, PollInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _polling.Dispose();
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Cleared cooldowns of {Scope}: {Count} were in force")]
    private partial void LogCleared(string scope, int count);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Cleared {Count} session bindings")]
    private partial void LogBindingsCleared(int count);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Could not read clear requests: {Reason}")]
    private partial void LogPollFailed(string reason);
}
