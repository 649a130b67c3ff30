using Microsoft.Extensions.Configuration.Json;

namespace Switchyard.Hosting.Reload;

/// <summary><c>switchyard.json</c> as a configuration source whose provider <see cref="ConfigReloader"/> can check before it applies.</summary>
internal sealed class ConfigFileSource : JsonConfigurationSource
{
    public ConfigFileSource(string path)
    {
        FullPath = path;
        Path = path;
        Optional = true;
        ReloadOnChange = false;
        ResolveFileProvider();
    }

    /// <summary>The file's absolute path (<see cref="FileConfigurationSource.Path"/> becomes the name in its folder).</summary>
    public string FullPath { get; }

    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new ConfigFileProvider(this);
    }
}

/// <summary>
/// The provider of <see cref="ConfigFileSource"/>: reads the file like the JSON provider, and lets the reloader put a
/// candidate in place, take it back, or announce it (which makes every options monitor read it).
/// </summary>
internal sealed class ConfigFileProvider(ConfigFileSource source) : JsonConfigurationProvider(source)
{
    public ConfigFileSource FileSource => source;

    /// <summary>A copy of the values in force.</summary>
    public Dictionary<string, string?> Values => new(Data, StringComparer.OrdinalIgnoreCase);

    /// <summary>Puts <paramref name="values"/> in place without telling anyone (for a check before applying).</summary>
    public void Replace(IDictionary<string, string?> values) => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

    /// <summary>Tells the configuration's listeners (options monitors, logging) that the values changed.</summary>
    public void Announce() => OnReload();

    /// <summary>Reads the file now into a separate provider: the candidate's values. Throws <see cref="InvalidDataException"/> on bad JSON.</summary>
    public Dictionary<string, string?> ReadCandidate()
    {
        var candidate = new ConfigFileSource(source.FullPath);
        try
        {
            var fresh = new ConfigFileProvider(candidate);
            fresh.Load();
            return fresh.Values;
        }
        finally
        {
            (candidate.FileProvider as IDisposable)?.Dispose();
        }
    }
}
