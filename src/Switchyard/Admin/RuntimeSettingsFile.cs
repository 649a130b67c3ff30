using System.Text.Json;

namespace Switchyard.Admin;

/// <summary>The 0600 JSON file behind <see cref="RuntimeSettingsProvider"/>: <c>{"version":n,"settings":{key:value}}</c>.</summary>
internal static class RuntimeSettingsFile
{
    public static (long Version, Dictionary<string, string?> Values) Read(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return (0, values);
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            var version = root.TryGetProperty("version", out var v) && v.TryGetInt64(out var n) ? n : 0;
            if (root.TryGetProperty("settings", out var settings) && settings.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in settings.EnumerateObject())
                {
                    values[p.Name] = p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                }
            }

            return (version, values);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON ({ex.Message}); fix or delete it.", ex);
        }
    }

    public static void Write(string path, long version, IReadOnlyDictionary<string, string?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", version);
            writer.WriteStartObject("settings");
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is null)
                {
                    writer.WriteNull(key);
                }
                else
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        Foundation.DataDirectory.Ensure(Path.GetDirectoryName(path)!);
        Foundation.OwnerOnlyFiles.WriteAtomically(path, buffer.ToArray());
    }
}
