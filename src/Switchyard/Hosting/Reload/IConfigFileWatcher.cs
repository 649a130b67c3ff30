using Microsoft.Extensions.Primitives;

namespace Switchyard.Hosting.Reload;

/// <summary>Tells <see cref="ConfigReloader"/> when <c>switchyard.json</c> may have changed (replaceable in tests).</summary>
internal interface IConfigFileWatcher
{
    /// <summary>A token that fires at the next change; asked again after each one.</summary>
    IChangeToken Watch();
}

/// <summary>Watches the file through the configuration source's file provider (a file-system watcher on its folder).</summary>
internal sealed class FileConfigWatcher(IConfiguration configuration) : IConfigFileWatcher
{
    public IChangeToken Watch() =>
        ((IConfigurationRoot)configuration).Providers.OfType<ConfigFileProvider>().SingleOrDefault() is { } provider
            && provider.FileSource.FileProvider is { } files
            ? files.Watch(provider.FileSource.Path!)
            : new CancellationChangeToken(CancellationToken.None);
}
