using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Generation;

/// <summary>The cached prefixes per (account, model) behind <see cref="PromptCacheConfig"/>. Thread-safe.</summary>
internal sealed class PromptCache
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (List<(string Hash, int Tokens)> Units, DateTimeOffset At)> _last = new(StringComparer.Ordinal);

    public void Clear()
    {
        lock (_gate)
        {
            _last.Clear();
        }
    }

    /// <summary>Records <paramref name="request"/> for <paramref name="key"/> and returns its cached tokens under the rule.</summary>
    public int Observe(string key, JsonObject request, DateTimeOffset now, PromptCacheConfig config)
    {
        var units = Units(request);
        lock (_gate)
        {
            var cached = 0;
            if (config.Enabled && _last.TryGetValue(key, out var previous) && now - previous.At <= TimeSpan.FromSeconds(config.TtlSeconds))
            {
                // The leading units of this request's prefix (every unit but its last content) equal to the previous request's.
                var prefix = Math.Max(0, units.Count - 1);
                for (var i = 0; i < prefix && i < previous.Units.Count && units[i].Hash == previous.Units[i].Hash; i++)
                {
                    cached += units[i].Tokens;
                }

                cached = cached >= config.MinTokens ? cached : 0;
            }

            _last[key] = (units, now);
            return cached;
        }
    }

    /// <summary>The system instruction with the tools as one unit, then each content.</summary>
    private static List<(string Hash, int Tokens)> Units(JsonObject request)
    {
        var system = (request["systemInstruction"] ?? request["system_instruction"])?.ToJsonString() ?? "";
        var tools = request["tools"]?.ToJsonString() ?? "";
        var head = new JsonObject
        {
            ["systemInstruction"] = (request["systemInstruction"] ?? request["system_instruction"])?.DeepClone(),
            ["tools"] = request["tools"]?.DeepClone(),
        };
        var headTokens = TokenEstimator.Request(head);
        var units = new List<(string, int)> { (Hash(system + "\u0000" + tools), headTokens) };
        if (request["contents"] is JsonArray contents)
        {
            foreach (var content in contents)
            {
                units.Add((Hash(content?.ToJsonString() ?? ""), TokenEstimator.Parts((content as JsonObject)?["parts"] as JsonArray)));
            }
        }

        return units;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
