using Switchyard.Accounts;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// The demo's browser: follows the authorize URL to the emulator, whose auto-consent redirects to the
/// sign-in callback listener, and visits that redirect. No real browser, no user click.
/// </summary>
internal sealed class DemoBrowser : IBrowserLauncher, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly List<Task> _visits = [];

    public bool TryOpen(string url)
    {
        lock (_visits)
        {
            _visits.Add(VisitAsync(url));
        }

        return true;
    }

    /// <summary>The first failed visit's error, if any (the sign-in then times out waiting for its callback).</summary>
    public string? Failure { get; private set; }

    private async Task VisitAsync(string url)
    {
        try
        {
            using var authorize = await _http.GetAsync(new Uri(url));
            var location = authorize.Headers.Location
                ?? throw new InvalidOperationException($"the emulator's authorize page answered {(int)authorize.StatusCode} without a redirect");
            using var callback = await _http.GetAsync(location);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            Failure ??= ex.Message;
        }
    }

    public void Dispose() => _http.Dispose();
}
