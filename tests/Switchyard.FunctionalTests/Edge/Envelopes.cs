using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>The error envelope each route family answers in, checked from the body alone.</summary>
internal static class Envelopes
{
    public const string Anthropic = "anthropic";
    public const string OpenAI = "openai";
    public const string Gemini = "gemini";
    public const string Plain = "plain";

    /// <summary>Null when <paramref name="body"/> is an error of <paramref name="status"/> in <paramref name="family"/>'s envelope, else what is wrong.</summary>
    public static string? Problem(string family, int status, string body)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return $"not a JSON object: '{Cut(body)}'";
        }

        var error = root["error"];
        bool IsText(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0;
        var ok = family switch
        {
            Anthropic => (string?)root["type"] == "error" && IsText(error?["type"]) && IsText(error?["message"]),
            OpenAI => error is JsonObject && IsText(error["message"]) && IsText(error["type"]),
            Gemini => error is JsonObject && IsText(error["message"]) && IsText(error["status"]) && error["code"] is JsonValue code && code.TryGetValue<int>(out var c) && c == status,
            // The admin API's own shapes: {"error": "…"}, or a validation problem naming the fields.
            _ => IsText(error) || (IsText(root["title"]) && root["errors"] is JsonObject && (int?)root["status"] == status),
        };
        return ok ? null : $"not a {family} error envelope: '{Cut(body)}'";
    }

    /// <summary>Asserts an error status (4xx) in the family's envelope.</summary>
    public static void AssertError(string family, int status, string body)
    {
        var problem = Problem(family, status, body);
        Assert.True(problem is null, problem);
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
