using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Hosting.Reload;

/// <summary>Tells <see cref="ConfigReloader"/> when <c>switchyard.json</c> may have changed (replaceable in tests).</summary>
internal interface IConfigFileWatcher
{
    /// <summary>A token that fires at the next change; asked again after each one.</summary>
    IChangeToken Watch();
}

/// <summary>
/// Watches the file by polling (every 4 s, through a file provider of its folder): no inotify instance per gateway,
/// which a machine limits (128 per user by default). Disposed with the gateway.
/// </summary>
internal sealed class FileConfigWatcher(IConfiguration configuration) : IConfigFileWatcher, IDisposable
{
    private readonly Lock _gate = new();
    private PhysicalFileProvider? _files;
    private bool _disposed;

    public IChangeToken Watch()
    {
        if (((IConfigurationRoot)configuration).Providers.OfType<ConfigFileProvider>().SingleOrDefault() is not { } provider
            || Path.GetDirectoryName(provider.FileSource.FullPath) is not { } folder || !Directory.Exists(folder))
        {
            return new CancellationChangeToken(CancellationToken.None);
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return new CancellationChangeToken(CancellationToken.None);
            }

            _files ??= new PhysicalFileProvider(folder) { UsePollingFileWatcher = true, UseActivePolling = true };
            return _files.Watch(Path.GetFileName(provider.FileSource.FullPath));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _files?.Dispose();
            _files = null;
        }
    }
}
