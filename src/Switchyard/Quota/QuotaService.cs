using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Models;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>
/// Reads fetchAvailableModels for every enabled account on a schedule (<see cref="QuotaOptions.RefreshIntervalSeconds"/>)
/// and on demand, keeps the per-group remaining fraction and reset time in memory and in the database
/// (so <c>switchyard quota</c> can show it), and answers whether an account is protected for a group.
/// Thread-safe.
/// </summary>
internal sealed partial class QuotaService(
    AccountStore store,
    AccountRegistry registry,
    TokenManager tokens,
    CloudCodeClient cloudCode,
    LiveModelCapabilities capabilities,
    IOptionsMonitor<QuotaOptions> options,
    TimeProvider time,
    ILogger<QuotaService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ImmutableDictionary<string, IReadOnlyList<QuotaEntry>> _quotas = ImmutableDictionary<string, IReadOnlyList<QuotaEntry>>.Empty;
    private ITimer? _timer;
    private int _running;

    /// <summary>The last known quota of an account (empty when never read).</summary>
    public IReadOnlyList<QuotaEntry> Get(string accountId) => _quotas.TryGetValue(accountId, out var q) ? q : [];

    /// <summary>
    /// True when a protection threshold is set for <paramref name="group"/> and the account's remaining
    /// fraction is below it (and its reset time, if known, is still ahead). Unknown quota is not protected.
    /// </summary>
    public bool IsProtected(string accountId, string group)
    {
        if (!options.CurrentValue.ProtectionThresholds.TryGetValue(group, out var threshold))
        {
            return false;
        }

        var entry = Get(accountId).FirstOrDefault(e => string.Equals(e.Group, group, StringComparison.OrdinalIgnoreCase));
        return entry is not null && entry.RemainingFraction < threshold && (entry.ResetTime is null || entry.ResetTime > time.GetUtcNow());
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ListQuotasAsync(cancellationToken);
        ImmutableInterlocked.Update(ref _quotas, q => q.SetItems(stored));
        var seconds = options.CurrentValue.RefreshIntervalSeconds;
        if (seconds > 0)
        {
            var interval = TimeSpan.FromSeconds(seconds);
            _timer = time.CreateTimer(_ => _ = RefreshAllAsync(_stopping.Token), null, interval, interval);
        }
    }

    /// <summary>Reads every enabled account's quota now; returns the errors by account id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return errors;
        }

        try
        {
            foreach (var account in registry.Current.Enabled)
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

    /// <summary>Reads one account's quota now; null on success, else why not.</summary>
    public async Task<string?> RefreshAsync(string accountId, CancellationToken cancellationToken)
    {
        var project = registry.Current.Find(accountId)?.ProjectId;
        var result = await tokens.ExecuteAsync(accountId, (token, ct) => cloudCode.FetchAvailableModelsAsync(token, project, ct), cancellationToken);
        if (result.Value is not { } models)
        {
            LogFailed(accountId, result.Error!);
            return result.Error;
        }

        capabilities.Update(models.WebSearchModelIds, models.ImageGenerationModelIds);
        var entries = QuotaGroups.Summarize(models.Models, time.GetUtcNow());
        await store.SaveQuotaAsync(accountId, entries, cancellationToken);
        ImmutableInterlocked.Update(ref _quotas, q => q.SetItem(accountId, entries));
        return null;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
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

        _stopping.Dispose();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Quota read for account {AccountId} failed: {Reason}")]
    private partial void LogFailed(string accountId, string reason);
}
