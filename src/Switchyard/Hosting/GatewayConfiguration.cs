using Switchyard.Foundation;
namespace Switchyard.Hosting;

/// <summary>
/// Configuration sources, later ones winning: <see cref="Defaults"/>, <c>switchyard.json</c> in the data directory, <c>demo.json</c>
/// there (written by <c>switchyard demo</c>), environment
/// variables <c>SWITCHYARD__Section__Key</c>, then command-line settings (<c>--port</c>, <c>--set Key=Value</c>).
/// </summary>
internal static class GatewayConfiguration
{
    public const string EnvironmentPrefix = "SWITCHYARD__";

    /// <summary>Defaults under every other source: the standard <c>Logging</c> levels.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static void AddSources(IConfigurationBuilder builder, string dataDir, IReadOnlyDictionary<string, string?> flags)
    {
        builder.Sources.Clear();
        builder.AddInMemoryCollection(Defaults);
        builder.Add(new Reload.ConfigFileSource(Path.Combine(dataDir, DataDirectory.ConfigFileName)));
        builder.AddJsonFile(Path.Combine(dataDir, DataDirectory.DemoFileName), optional: true, reloadOnChange: false);
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddInMemoryCollection(flags);
    }

    /// <summary>Parses <c>Key=Value</c> settings (keys use <c>:</c> between sections); the errors name each bad one.</summary>
    public static Dictionary<string, string?> ParseSettings(IEnumerable<string> settings, List<string> errors)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in settings)
        {
            var eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                errors.Add($"--set '{setting}': expected Section:Key=Value.");
                continue;
            }

            result[setting[..eq].Trim().Replace("__", ":", StringComparison.Ordinal)] = setting[(eq + 1)..];
        }

        return result;
    }
}
