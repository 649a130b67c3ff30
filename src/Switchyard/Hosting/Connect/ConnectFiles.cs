using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// Merges the client configuration into the client's own files, keeping every other key, and writes them owner-only
/// (0600) since they hold the API key. Comments in an existing JSONC file are accepted but not kept.
/// </summary>
internal static class ConnectFiles
{
    private static readonly JsonDocumentOptions s_read = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions s_write = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Claude Code's user settings: <c>$CLAUDE_CONFIG_DIR/settings.json</c>, else <c>~/.claude/settings.json</c>.</summary>
    public static string DefaultClaudeSettingsPath()
    {
        var configDir = System.Environment.GetEnvironmentVariable("CLAUDE_CONFIG_DIR");
        return string.IsNullOrEmpty(configDir)
            ? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".claude", "settings.json")
            : Path.Combine(configDir, "settings.json");
    }

    /// <summary>Sets each variable in the <c>env</c> object of the settings file at <paramref name="path"/>.</summary>
    public static void MergeClaudeSettings(string path, IEnumerable<KeyValuePair<string, string>> variables, JsonObject? statusLine = null)
    {
        var root = ReadObject(path);
        if (root["env"] is not JsonObject env)
        {
            if (root["env"] is not null)
            {
                throw new InvalidDataException($"{path}: \"env\" is not a JSON object; nothing was written.");
            }

            env = [];
            root["env"] = env;
        }

        foreach (var (name, value) in variables)
        {
            env[name] = value;
        }

        if (statusLine is not null)
        {
            root["statusLine"] = statusLine;
        }

        Write(path, root.ToJsonString(s_write) + "\n");
    }

    /// <summary>Replaces the gateway's providers in the <c>provider</c> object of opencode.json at <paramref name="path"/>.</summary>
    public static void MergeOpencode(string path, JsonObject providers)
    {
        var root = ReadObject(path);
        if (!root.ContainsKey("$schema"))
        {
            root.Insert(0, "$schema", "https://opencode.ai/config.json");
        }

        if (root["provider"] is not JsonObject existing)
        {
            if (root["provider"] is not null)
            {
                throw new InvalidDataException($"{path}: \"provider\" is not a JSON object; nothing was written.");
            }

            existing = [];
            root["provider"] = existing;
        }

        foreach (var (name, provider) in providers)
        {
            existing[name] = provider?.DeepClone();
        }

        Write(path, root.ToJsonString(s_write) + "\n");
    }

    /// <summary>Merges the gateway's provider into Codex's <c>config.toml</c> at <paramref name="path"/> (<see cref="CodexConfig"/>).</summary>
    public static void MergeCodex(string path, ConnectTarget target, string key, string model) =>
        Write(path, CodexConfig.Merge(File.Exists(path) ? File.ReadAllText(path) : "", target, key, model));

    /// <summary>Merges Gemini CLI's settings into <paramref name="settingsPath"/> and its variables into the <c>.env</c> beside it.</summary>
    public static void MergeGeminiCli(string settingsPath, JsonObject settings, IReadOnlyList<KeyValuePair<string, string>> variables)
    {
        var root = ReadObject(settingsPath);
        GeminiCliConfig.MergeInto(root, settings, settingsPath);
        var envPath = GeminiCliConfig.EnvPath(settingsPath);
        var env = GeminiCliConfig.MergeEnvironment(File.Exists(envPath) ? File.ReadAllText(envPath) : "", variables);
        Write(settingsPath, root.ToJsonString(s_write) + "\n");
        Write(envPath, env);
    }

    /// <summary>Writes <c>export NAME='value'</c> lines, a file to source from a shell.</summary>
    public static void WriteEnvironment(string path, IEnumerable<KeyValuePair<string, string>> variables) =>
        Write(path, "# Switchyard gateway: source this file (. " + Path.GetFileName(path) + ")\n" + ExportLines(variables));

    public static string ExportLines(IEnumerable<KeyValuePair<string, string>> variables)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in variables)
        {
            text.Append("export ").Append(name).Append("='").Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).Append("'\n");
        }

        return text.ToString();
    }

    private static JsonObject ReadObject(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text, documentOptions: s_read) as JsonObject
                ?? throw new InvalidDataException($"{path} does not hold a JSON object; nothing was written.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}); nothing was written.");
        }
    }

    private static void Write(string path, string text)
    {
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        OwnerOnlyFiles.WriteAtomically(path, Encoding.UTF8.GetBytes(text));
    }
}
