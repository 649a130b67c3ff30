using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Bench.Load;

/// <summary>A front-door request and the upstream call the gateway makes for it, replayed straight at the emulator.</summary>
internal sealed record Workload(string Protocol, bool Stream, RequestSpec Gateway, RequestSpec Direct)
{
    public string Label => $"{Protocol} {(Stream ? "stream" : "non-stream")}";
}

internal static class Workloads
{
    private const string Prompt = "Say hello to the benchmark.";

    /// <summary>The gateway request of each protocol and mode.</summary>
    public static RequestSpec Gateway(Uri gateway, string protocol, bool stream, string? anthropicModel = null) => protocol switch
    {
        "anthropic" => new RequestSpec
        {
            Name = "POST /v1/messages",
            Url = new Uri(gateway, "v1/messages"),
            Headers = [new("anthropic-version", "2023-06-01")],
            Body = Json(new JsonObject
            {
                ["model"] = anthropicModel ?? "claude-sonnet-4-5",
                ["max_tokens"] = 256,
                ["stream"] = stream,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
            }),
        },
        "openai" => new RequestSpec
        {
            Name = "POST /v1/chat/completions",
            Url = new Uri(gateway, "v1/chat/completions"),
            Body = Json(new JsonObject
            {
                ["model"] = "gemini-3-flash",
                ["stream"] = stream,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
            }),
        },
        "gemini" => new RequestSpec
        {
            Name = stream ? "POST :streamGenerateContent" : "POST :generateContent",
            Url = new Uri(gateway, stream ? "v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse" : "v1beta/models/gemini-3-flash:generateContent"),
            Body = Json(new JsonObject
            {
                ["contents"] = new JsonArray(new JsonObject
                {
                    ["role"] = "user",
                    ["parts"] = new JsonArray(new JsonObject { ["text"] = Prompt }),
                }),
            }),
        },
        _ => throw new ArgumentException($"Unknown protocol '{protocol}'; use anthropic, openai or gemini."),
    };

    /// <summary>
    /// Sends the gateway request once and rebuilds the upstream call it caused from the emulator's journal (path,
    /// query, body, user agent), with the account's own access token: the direct run sends exactly that call.
    /// </summary>
    public static async Task<Workload> ProbeAsync(BenchStack stack, HttpClient client, string protocol, bool stream)
    {
        var gateway = Gateway(stack.GatewayUrl, protocol, stream);
        await stack.ControlAsync(HttpMethod.Delete, "requests");
        using (var request = gateway.Create())
        using (var response = await client.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{protocol} probe through the gateway failed: {(int)response.StatusCode} {text}");
            }
        }

        var entry = (await stack.JournalAsync())
            .Select(e => e!.AsObject())
            .LastOrDefault(e => ((string?)e["rpc"])?.EndsWith("enerateContent", StringComparison.Ordinal) == true && (int)e["status"]! == 200)
            ?? throw new InvalidOperationException($"The {protocol} probe left no content call in the emulator's journal.");
        var headers = entry["headers"]!.AsObject();
        var email = (string)entry["email"]!;
        var direct = new RequestSpec
        {
            Name = $"POST {(string)entry["path"]!}{(string?)entry["query"]}",
            Url = new Uri(stack.EmulatorUrl, ((string)entry["path"]!).TrimStart('/') + (string?)entry["query"]),
            Body = Encoding.UTF8.GetBytes((string)entry["body"]!),
            Headers =
            [
                new("Authorization", "Bearer " + stack.AccessTokens[email]),
                .. headers.Where(h => h.Key is "User-Agent" or "Client-Metadata").Select(h => new KeyValuePair<string, string>(h.Key, (string)h.Value!)),
            ],
        };
        return new Workload(protocol, stream, gateway, direct);
    }

    private static byte[] Json(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());
}
