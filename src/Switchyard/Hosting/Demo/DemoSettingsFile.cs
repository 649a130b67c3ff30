using System.Text.Json;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Demo;

/// <summary>
/// Writes the demo's settings (emulator URLs, its OAuth client, the gateway's bound port) to
/// <see cref="DataDirectory.DemoFileName"/> in the data directory, owner-only, as flat <c>Section:Key</c> names, which
/// the JSON configuration source reads as they are. Commands given the same <c>--data-dir</c> then reach the demo's
/// emulator and gateway instead of Google.
/// </summary>
internal static class DemoSettingsFile
{
    public static void Write(string dataDir, IReadOnlyDictionary<string, string?> settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var (key, value) in settings.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        OwnerOnlyFiles.WriteAtomically(Path.Combine(dataDir, DataDirectory.DemoFileName), buffer.ToArray());
    }
}
