using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// Google's Gemini CLI (real-clients-codex-gemini-cli §3.1): <c>~/.gemini/settings.json</c> picks the API-key auth type
/// (without it a base URL makes the CLI refuse to start), a gateway model the CLI passes on unchanged (so its own model router and aliases are skipped),
/// and turns off usage statistics, telemetry and auto-update (its only outbound calls); <c>~/.gemini/.env</c>, which the
/// CLI loads at start, holds the base URL (the origin: the CLI appends <c>/v1beta/models/…</c>) and the key, and keeps
/// it to one process. Both files are merged (other keys kept) and written owner-only.
/// </summary>
internal static class GeminiCliConfig
{
    /// <summary><c>~/.gemini/settings.json</c>.</summary>
    public static string DefaultSettingsPath() =>
        Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".gemini", "settings.json");

    /// <summary>The <c>.env</c> beside the settings file.</summary>
    public static string EnvPath(string settingsPath) => Path.Combine(Path.GetDirectoryName(settingsPath) ?? ".", ".env");

    /// <summary>The settings this gateway needs, as nested objects merged key by key into the user's.</summary>
    public static JsonObject Settings(string model) => new()
    {
        ["security"] = new JsonObject { ["auth"] = new JsonObject { ["selectedType"] = "gemini-api-key" } },
        ["model"] = new JsonObject { ["name"] = model },
        ["privacy"] = new JsonObject { ["usageStatisticsEnabled"] = false },
        ["telemetry"] = new JsonObject { ["enabled"] = false },
        ["general"] = new JsonObject { ["enableAutoUpdate"] = false, ["enableAutoUpdateNotification"] = false },
    };

    public static List<KeyValuePair<string, string>> Environment(ConnectTarget target, string key)
    {
        ArgumentNullException.ThrowIfNull(target);
        return
        [
            new("GOOGLE_GEMINI_BASE_URL", target.GatewayUrl),
            new("GEMINI_API_KEY", key),
            new("GEMINI_CLI_NO_RELAUNCH", "true"),
        ];
    }

    /// <summary>Sets every leaf of <paramref name="settings"/> in <paramref name="root"/>, creating objects on the way; a non-object in the way is an error.</summary>
    public static void MergeInto(JsonObject root, JsonObject settings, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (name, value) in settings)
        {
            if (value is JsonObject inner)
            {
                if (root[name] is not JsonObject target)
                {
                    if (root[name] is not null)
                    {
                        throw new InvalidDataException($"{path}: \"{name}\" is not a JSON object; nothing was written.");
                    }

                    target = [];
                    root[name] = target;
                }

                MergeInto(target, inner, path);
            }
            else
            {
                root[name] = value?.DeepClone();
            }
        }
    }

    /// <summary>A <c>.env</c> text: <paramref name="existing"/> with the variables' lines replaced (or added), others kept.</summary>
    public static string MergeEnvironment(string existing, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(variables);
        var names = variables.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder();
        var lines = existing.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            var body = trimmed.StartsWith("export ", StringComparison.Ordinal) ? trimmed[7..].TrimStart() : trimmed;
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !names.Contains(body[..eq].Trim()))
            {
                text.Append(line).Append('\n');
            }
        }

        foreach (var (name, value) in variables)
        {
            text.Append(name).Append('=').Append(value.Contains('\'', StringComparison.Ordinal)
                ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
                : "'" + value + "'").Append('\n');
        }

        return text.ToString();
    }
}
