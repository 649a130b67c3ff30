using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>
/// Seeded mutations of a JSON body: structural (a value replaced, removed, duplicated, nested deep), hostile text
/// (duplicate keys, lone surrogates, numbers beyond a double, invalid UTF-8, huge strings) and raw byte damage.
/// </summary>
internal sealed class JsonMutator(Random random)
{
    private static readonly string[] Models =
    [
        "claude-sonnet-4-5", "gemini-3-flash", "gemini-2.5-pro", "claude-opus-4-5-thinking", "gpt-oss-120b-medium", "", " ",
        "models/gemini-3-flash", "gemini-3-flash:generateContent", "../../etc/passwd", "\u0000", "ünïcödé-模型", "%2e%2e%2f",
        "a:b:c", "claude-sonnet-4-5\n", new string('m', 5_000),
    ];

    public string Model() => Models[random.Next(Models.Length)];

    /// <summary>One to three mutations of <paramref name="seed"/>, and what they were.</summary>
    public (byte[] Body, string What) Mutate(string seed)
    {
        var steps = random.Next(1, 4);
        var what = new List<string>();
        var text = seed;
        byte[]? bytes = null;
        for (var i = 0; i < steps; i++)
        {
            switch (random.Next(13))
            {
                case 0 or 1 or 2:
                    text = Structural(text, what);
                    break;
                case 3:
                    text = InjectAfterFirstBrace(text, "\"model\":\"" + Model() + "\",");
                    what.Add("duplicate key");
                    break;
                case 4:
                    text = InjectAfterFirstBrace(text, "\"x\":\"\\ud800 lone\",");
                    what.Add("lone surrogate");
                    break;
                case 5:
                    text = InjectAfterFirstBrace(text, "\"max_tokens\":1E400,\"n\":-1e309,");
                    what.Add("numbers beyond a double");
                    break;
                case 6:
                    var depth = random.Next(20, 400);
                    text = InjectAfterFirstBrace(text, "\"deep\":" + new string('[', depth) + "1" + new string(']', depth) + ",");
                    what.Add($"nesting {depth}");
                    break;
                case 7:
                    bytes = InvalidUtf8(Encoding.UTF8.GetBytes(text));
                    what.Add("invalid UTF-8");
                    break;
                case 8:
                    bytes = ByteDamage(bytes ?? Encoding.UTF8.GetBytes(text), what);
                    break;
                case 9:
                    text = text[..random.Next(text.Length + 1)];
                    what.Add("truncated");
                    break;
                case 10:
                    text = InjectAfterFirstBrace(text, "\"junk\":\"" + new string('j', random.Next(1, 200_000)) + "\",");
                    what.Add("long string");
                    break;
                case 11:
                    text = random.Next(4) switch { 0 => "[]", 1 => "null", 2 => "\"text\"", _ => "{}" };
                    what.Add("other root " + text);
                    break;
                default:
                    text = text.Replace("\"hi\"", "\"" + Escapes() + "\"", StringComparison.Ordinal);
                    what.Add("odd escapes");
                    break;
            }
        }

        return (bytes ?? Encoding.UTF8.GetBytes(text), string.Join(", ", what));
    }

    private string Structural(string text, List<string> what)
    {
        try
        {
            return StructuralOrThrow(text, what);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            // Text an earlier step made hostile (duplicate keys, lone surrogates, numbers beyond a double).
            what.Add("structural skipped");
            return text;
        }
    }

    private string StructuralOrThrow(string text, List<string> what)
    {
        var root = JsonNode.Parse(text);

        if (root is null)
        {
            return text;
        }

        var containers = new List<JsonNode>();
        Collect(root, containers);
        if (containers.Count == 0)
        {
            return text;
        }

        var target = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                var removed = obj.ElementAt(random.Next(obj.Count)).Key;
                obj.Remove(removed);
                what.Add($"removed {removed}");
                break;
            case JsonObject obj when obj.Count > 0:
                var key = obj.ElementAt(random.Next(obj.Count)).Key;
                obj[key] = RandomValue();
                what.Add($"replaced {key}");
                break;
            case JsonObject obj:
                obj["added"] = RandomValue();
                what.Add("added a key");
                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = RandomValue();
                what.Add("replaced an item");
                break;
            case JsonArray array:
                array.Add(RandomValue());
                what.Add("added an item");
                break;
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        if (node is JsonObject obj)
        {
            into.Add(obj);
            foreach (var (_, child) in obj)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
        else if (node is JsonArray array)
        {
            into.Add(array);
            foreach (var child in array)
            {
                if (child is not null)
                {
                    Collect(child, into);
                }
            }
        }
    }

    private JsonNode? RandomValue() => random.Next(14) switch
    {
        0 => null,
        1 => true,
        2 => random.Next(int.MinValue, int.MaxValue),
        3 => long.MaxValue,
        4 => -0.000001,
        5 => 1.7e308,
        6 => "",
        7 => new string('v', random.Next(1, 70_000)),
        8 => new JsonArray(),
        9 => new JsonObject(),
        10 => new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "x" }, new JsonObject { ["role"] = "user" }),
        11 => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["$ref"] = "#" } },
        12 => Model(),
        _ => "\u202e\u0000\ufeff💥",
    };

    private string Escapes() => random.Next(5) switch
    {
        0 => "\\u0000\\u001f\\\\",
        1 => "\\ud83d\\ude00",
        2 => "\\udc00\\ud800",
        3 => "\\x41",
        _ => "\\",
    };

    private static string InjectAfterFirstBrace(string text, string injected)
    {
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        return brace < 0 ? "{" + injected.TrimEnd(',') + "}" : text[..(brace + 1)] + injected + text[(brace + 1)..];
    }

    private byte[] InvalidUtf8(byte[] bytes)
    {
        var at = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
        byte[] bad = random.Next(3) switch { 0 => [0xFF], 1 => [0xC3], _ => [0xED, 0xA0, 0x80] };
        return [.. bytes.AsSpan(0, at), .. bad, .. bytes.AsSpan(at)];
    }

    private byte[] ByteDamage(byte[] bytes, List<string> what)
    {
        if (bytes.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var copy = (byte[])bytes.Clone();
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        what.Add($"{count} bytes flipped");
        return copy;
    }
}
