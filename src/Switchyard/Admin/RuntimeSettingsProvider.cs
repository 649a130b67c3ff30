namespace Switchyard.Admin;

/// <summary>
/// The configuration provider holding runtime overrides, added last so they win over the file, the environment
/// and the command line. Loads <c>runtime-settings.json</c> from the data directory; <see cref="Apply"/> swaps the
/// values and fires the reload token, so <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c> changes at once.
/// </summary>
internal sealed class RuntimeSettingsProvider(string dataDir) : ConfigurationProvider, IConfigurationSource
{
    public const string FileName = "runtime-settings.json";

    public string FilePath => Path.Combine(dataDir, FileName);

    /// <summary>Incremented by every change; the ETag of the settings.</summary>
    public long Version { get; private set; }

    /// <summary>The overrides in force (keys use ':'; a null value clears the setting).</summary>
    public IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>(Data, StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var (version, values) = RuntimeSettingsFile.Read(FilePath);
        Version = version;
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Persists and applies <paramref name="overrides"/> as the new complete set; returns the new version.</summary>
    public long Apply(IReadOnlyDictionary<string, string?> overrides)
    {
        var version = Version + 1;
        RuntimeSettingsFile.Write(FilePath, version, overrides);
        Data = new Dictionary<string, string?>(overrides, StringComparer.OrdinalIgnoreCase);
        Version = version;
        OnReload();
        return version;
    }
}
