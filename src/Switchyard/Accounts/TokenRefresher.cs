using Microsoft.Extensions.Options;

namespace Switchyard.Accounts;

/// <summary>
/// Refreshes the tokens of enabled accounts before they are needed: every
/// <see cref="AccountsOptions.BackgroundRefreshIntervalSeconds"/>, each token that would fall inside the
/// refresh margin before the next pass is refreshed, one account at a time.
/// </summary>
internal sealed class TokenRefresher(TokenManager tokens, AccountRegistry registry, IOptions<AccountsOptions> options, TimeProvider time)
    : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.BackgroundRefreshIntervalSeconds);
        _timer = time.CreateTimer(_ => _ = PassAsync(), null, interval, interval);
        return Task.CompletedTask;
    }

    /// <summary>One pass over the enabled accounts; skipped when the previous pass is still running.</summary>
    public async Task PassAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var ahead = TimeSpan.FromSeconds(options.Value.BackgroundRefreshIntervalSeconds);
            foreach (var account in registry.Current.Enabled)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                await tokens.GetAccessTokenAsync(account.Id, _stopping.Token, ahead);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _running, 0);
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
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
        }

        _stopping.Dispose();
    }
}
