namespace Switchyard.Foundation;

/// <summary>
/// The outcome of the last reload of <c>switchyard.json</c> (issue 22), as the admin API shows it
/// (<c>GET /admin/api/config</c>).
/// </summary>
/// <param name="Version">Counts applied reloads (0: the file as read at start).</param>
/// <param name="Applied">The last reload was applied; false when it was refused and the previous configuration kept.</param>
/// <param name="Errors">Every problem of a refused reload, each naming its key.</param>
/// <param name="Changed">Keys the last applied reload changed.</param>
/// <param name="RestartPending">Keys changed in the file that take effect only after a restart (the running value stays).</param>
/// <param name="RestartOnly">Sections that never change while the gateway runs.</param>
internal sealed record ConfigReloadStatus(
    long Version,
    DateTimeOffset? At,
    bool Applied,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> RestartPending,
    IReadOnlyList<string> RestartOnly);

/// <summary>Holds the latest <see cref="ConfigReloadStatus"/>; written by the reloader, read by the admin API. Thread-safe.</summary>
internal sealed class ConfigReloadState
{
    /// <summary>Sections read once at start: the listener (port, host, limits) and storage paths. The data directory is a command-line choice.</summary>
    public static readonly IReadOnlyList<string> RestartOnlySections = ["Server", "Storage"];

    private volatile ConfigReloadStatus _current = new(0, null, true, [], [], [], RestartOnlySections);

    public ConfigReloadStatus Current => _current;

    public void Set(ConfigReloadStatus status) => _current = status;
}
