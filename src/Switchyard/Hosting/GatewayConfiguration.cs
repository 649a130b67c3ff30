using Switchyard.Foundation;
namespace Switchyard.Hosting;

/// <summary>
/// Configuration sources, later ones winning: <c>switchyard.json</c> in the data directory, environment
/// variables <c>SWITCHYARD__Section__Key</c>, then command-line settings (<c>--port</c>, <c>--set Key=Value</c>).
/// </summary>
internal static class GatewayConfiguration
{
    public const string EnvironmentPrefix = "SWITCHYARD__";

    public static void AddSources(IConfigurationBuilder builder, string dataDir, IReadOnlyDictionary<string, string?> flags)
    {
        builder.Sources.Clear();
        builder.Add(new Reload.ConfigFileSource(Path.Combine(dataDir, DataDirectory.ConfigFileName)));
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
