using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.RateLimits;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>
/// What the upstream says about each account, read per account at start-up, when an account is added, on a schedule
/// (<see cref="QuotaOptions.RefreshIntervalSeconds"/>) and on demand: loadCodeAssist (credit balance, verification),
/// loadCodeAssist as gemini-cli (whether the account keeps that pool), retrieveUserQuotaSummary from the quota hosts
/// (the 5 h and weekly windows of each family) and fetchAvailableModels on every generate host (the catalogue).
/// An empty window holds its <c>RateLimitKey</c> in the <see cref="CooldownTracker"/> until its reset; a newer live
/// reading with quota releases it, an older one or a stale host's never does. A reading that fails or is malformed
/// keeps the last good data, marked stale, and its problem is logged once. Kept in memory and in the database (so the
/// CLI shows it). Thread-safe.
/// </summary>
internal sealed partial class QuotaService(
    AccountStore store,
    AccountRegistry registry,
    TokenManager tokens,
    CloudCodeClient cloudCode,
    CooldownTracker cooldowns,
    AccountChecks checks,
    QuotaHistory history,
    IOptionsMonitor<QuotaOptions> options,
    IOptionsMonitor<UpstreamOptions> upstream,
    TimeProvider time,
    ILogger<QuotaService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _reading = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _logged = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, AccountQuota> _state = ImmutableDictionary.Create<string, AccountQuota>(StringComparer.Ordinal);
    private ImmutableHashSet<string> _known = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    private ITimer? _timer;
    private Task? _watch;
    private int _running;

    /// <summary>What is known about an account (empty when never read).</summary>
    public AccountQuota Get(string accountId) => _state.TryGetValue(accountId, out var q) ? q : AccountQuota.Empty;

    /// <summary>The account's windows and image bucket as last read (empty when never read).</summary>
    public IReadOnlyList<QuotaEntry> Entries(string accountId) => Get(accountId).Entries;

    /// <summary>One window or bucket of an account as last read, or null.</summary>
    public QuotaEntry? Entry(string accountId, string key) => Get(accountId).Entry(key);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadStoredAsync(cancellationToken);
        var current = options.CurrentValue;
        _known = [.. registry.Current.Accounts.Select(a => a.Id)];
        if (current.RefreshOnStart && registry.Current.Enabled.Any())
        {
            // Quota shows at once: wait (bounded, in real time) for the first reading; it goes on in the background after.
            var first = RefreshAllAsync(_stopping.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(current.StartupWaitSeconds));
            try
            {
                await first.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogStartupSlow(current.StartupWaitSeconds);
            }
        }

        _watch = WatchAccountsAsync(_stopping.Token);
        if (current.RefreshIntervalSeconds > 0)
        {
            var interval = TimeSpan.FromSeconds(current.RefreshIntervalSeconds);
            _timer = time.CreateTimer(_ => _ = RefreshAllAsync(_stopping.Token), null, interval, interval);
        }
    }

    /// <summary>Loads what the database holds (the CLI's view, and the server's until its first reading).</summary>
    public async Task LoadStoredAsync(CancellationToken cancellationToken)
    {
        var entries = await store.ListQuotasAsync(cancellationToken);
        var states = await store.ListUpstreamStatesAsync(cancellationToken);
        var loaded = ImmutableDictionary.CreateBuilder<string, AccountQuota>(StringComparer.Ordinal);
        foreach (var id in entries.Keys.Union(states.Keys))
        {
            var state = AccountQuota.Empty;
            if (states.TryGetValue(id, out var json))
            {
                try
                {
                    state = JsonSerializer.Deserialize(json, QuotaJsonContext.Default.AccountQuota) ?? AccountQuota.Empty;
                }
                catch (JsonException ex)
                {
                    LogProblem(id, id, "the stored quota state is unreadable: " + ex.Message);
                }
            }

            loaded[id] = state with { Entries = entries.GetValueOrDefault(id) ?? [] };
        }

        var result = loaded.ToImmutable();
        ImmutableInterlocked.Update(ref _state, s => s.SetItems(result));
    }

    /// <summary>Reads every enabled account now; returns the errors by account id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return errors;
        }

        try
        {
            foreach (var account in registry.Current.Enabled.ToList())
            {
                if (await RefreshAsync(account.Id, cancellationToken) is { } error)
                {
                    errors[account.Id] = error;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }

        return errors;
    }

    /// <summary>Reads one account now; null on success, else why its quota could not be read (its last data stays).</summary>
    public async Task<string?> RefreshAsync(string accountId, CancellationToken cancellationToken)
    {
        if (registry.Current.Find(accountId) is not { } account)
        {
            return $"No account with id {accountId}.";
        }

        var gate = _reading.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await ReadAsync(account, cancellationToken);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or HttpRequestException)
        {
            LogProblem(account.Id, account.Email, "the quota reading failed: " + ex.Message);
            return ex.Message;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads one account in the background unless a reading of it is running (a quota 429 without a reset time).</summary>
    public void RequestRefresh(string accountId)
    {
        if (!options.CurrentValue.RefreshOnStart || (_reading.TryGetValue(accountId, out var gate) && gate.CurrentCount == 0))
        {
            return;
        }

        _ = RefreshAsync(accountId, _stopping.Token).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
    }

    /// <summary>Reads accounts as they are added (import, sign-in, another process), so their quota shows at once.</summary>
    private async Task WatchAccountsAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = await registry.NextChangeAsync().WaitAsync(cancellationToken);
                var ids = snapshot.Accounts.Select(a => a.Id).ToImmutableHashSet(StringComparer.Ordinal);
                var added = snapshot.Enabled.Where(a => !_known.Contains(a.Id)).ToList();
                foreach (var gone in _known.Except(ids))
                {
                    ImmutableInterlocked.TryRemove(ref _state, gone, out _);
                }

                _known = ids;
                if (options.CurrentValue.RefreshOnStart)
                {
                    foreach (var account in added)
                    {
                        await RefreshAsync(account.Id, cancellationToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }

        if (_watch is not null)
        {
            await _watch;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _stopping.Dispose();
    }

    /// <summary>Changes one account's state atomically.</summary>
    private AccountQuota Update(string accountId, Func<AccountQuota, AccountQuota> change) =>
        ImmutableInterlocked.AddOrUpdate(ref _state, accountId, _ => change(AccountQuota.Empty), (_, q) => change(q));

    /// <summary>Logs a reading problem of an account once per <paramref name="key"/> (the problem itself by default) until a reading without it.</summary>
    private void LogProblem(string accountId, string email, string problem, string? key = null)
    {
        if (_logged.TryAdd(accountId + "\n" + (key ?? problem), 0))
        {
            LogReadProblem(email, problem);
        }
    }

    private void ForgetProblems(string accountId, IReadOnlyCollection<string> keep)
    {
        foreach (var key in _logged.Keys.Where(k => k.StartsWith(accountId + "\n", StringComparison.Ordinal)))
        {
            if (!keep.Contains(key[(accountId.Length + 1)..]))
            {
                _logged.TryRemove(key, out _);
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Quota reading of {Email}: {Problem}; the last good data stays, marked stale")]
    private partial void LogReadProblem(string email, string problem);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "The first quota reading takes longer than {Seconds} s; serving meanwhile")]
    private partial void LogStartupSlow(int seconds);
}
