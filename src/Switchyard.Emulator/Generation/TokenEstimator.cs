using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Generation;

/// <summary>The emulator's token estimate (spec §8.3): ceil(UTF-8 bytes / 4) per text, 258 per image.</summary>
internal static class TokenEstimator
{
    public const int ImageTokens = 258;

    public static int Text(string? text) => string.IsNullOrEmpty(text) ? 0 : (Encoding.UTF8.GetByteCount(text) + 3) / 4;

    /// <summary>Tokens of a generate request: contents, systemInstruction and tool declarations.</summary>
    public static int Request(JsonObject? request)
    {
        if (request is null)
        {
            return 0;
        }

        var total = 0;
        if (request["contents"] is JsonArray contents)
        {
            foreach (var content in contents)
            {
                total += Parts((content as JsonObject)?["parts"] as JsonArray);
            }
        }

        total += Parts(((request["systemInstruction"] ?? request["system_instruction"]) as JsonObject)?["parts"] as JsonArray);
        if (request["tools"] is JsonArray tools)
        {
            total += Text(tools.ToJsonString());
        }

        return total;
    }

    public static int Parts(JsonArray? parts)
    {
        if (parts is null)
        {
            return 0;
        }

        var total = 0;
        foreach (var part in parts)
        {
            if (part is not JsonObject p)
            {
                continue;
            }

            if (p["text"] is JsonValue text && text.TryGetValue<string>(out var s))
            {
                total += Text(s);
            }

            if (p.ContainsKey("inlineData") || p.ContainsKey("inline_data") || p.ContainsKey("fileData") || p.ContainsKey("file_data"))
            {
                total += ImageTokens;
            }

            if ((p["functionCall"] ?? p["function_call"]) is { } call)
            {
                total += Text(call.ToJsonString());
            }

            if ((p["functionResponse"] ?? p["function_response"]) is { } response)
            {
                total += Text(response.ToJsonString());
            }
        }

        return total;
    }
}
