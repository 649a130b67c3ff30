using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>An immutable view of the account pool.</summary>
internal sealed record AccountSnapshot(IReadOnlyList<Account> Accounts, long Generation)
{
    public static AccountSnapshot Empty { get; } = new([], 0);

    public Account? Find(string id) => Accounts.FirstOrDefault(a => a.Id == id);

    public IEnumerable<Account> Enabled => Accounts.Where(a => a.Enabled);
}

/// <summary>
/// The account pool as an immutable snapshot, swapped atomically, so readers need no lock. It is reloaded
/// when the database changes: a timer on <see cref="TimeProvider"/> polls <c>PRAGMA data_version</c> on a
/// connection of its own, which changes whenever another connection (this process or another, e.g. the
/// CLI) commits. Thread-safe.
/// </summary>
internal sealed partial class AccountRegistry(AccountStore store, IOptions<AccountsOptions> options, TimeProvider time, ILogger<AccountRegistry> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private AccountSnapshot _current = AccountSnapshot.Empty;
    private TaskCompletionSource<AccountSnapshot> _next = NewSignal();
    private SqliteConnection? _watch;
    private long _dataVersion = -1;
    private ITimer? _timer;

    public AccountSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Completes with the next snapshot swapped in.</summary>
    public Task<AccountSnapshot> NextChangeAsync() => Volatile.Read(ref _next).Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken);
        var interval = TimeSpan.FromSeconds(options.Value.ReloadIntervalSeconds);
        _timer = time.CreateTimer(_ => _ = PollAsync(), null, interval, interval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    /// <summary>Reloads now when the database changed since the last load; true when it did.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            _watch ??= await store.Db.OpenAsync(cancellationToken);
            await using var command = _watch.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (version == _dataVersion)
            {
                return false;
            }

            _dataVersion = version;
            await LoadLockedAsync(cancellationToken);
            return true;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    /// <summary>Reloads from the database unconditionally (after this process changed it).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            await LoadLockedAsync(cancellationToken);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    private async Task LoadLockedAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken);
        var previous = Current;
        if (previous.Generation > 0 && accounts.SequenceEqual(previous.Accounts))
        {
            return;
        }

        var snapshot = new AccountSnapshot(accounts, previous.Generation + 1);
        Volatile.Write(ref _current, snapshot);
        var enabled = accounts.Count(a => a.Enabled);
        LogReloaded(accounts.Count, enabled);
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult(snapshot);
    }

    private async Task PollAsync()
    {
        try
        {
            await ReloadIfChangedAsync(CancellationToken.None);
        }
        catch (SqliteException ex)
        {
            LogReloadFailed(ex.Message);
        }
        catch (IOException ex)
        {
            LogReloadFailed(ex.Message);
        }
    }

    private static TaskCompletionSource<AccountSnapshot> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        _reloadLock.Dispose();
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Accounts reloaded: {Count} accounts, {Enabled} enabled")]
    private partial void LogReloaded(int count, int enabled);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not reload accounts: {Reason}")]
    private partial void LogReloadFailed(string reason);
}
