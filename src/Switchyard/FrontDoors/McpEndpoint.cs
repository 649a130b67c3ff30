using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.FrontDoors;

/// <summary>
/// A small MCP server (streamable HTTP transport, JSON responses) at <c>POST /mcp</c>: <c>initialize</c>, <c>ping</c>,
/// <c>tools/list</c> and <c>tools/call</c> for one tool, <c>quota</c>, which answers the pool's <see cref="QuotaReport"/>
/// (optionally one family) as text and as structured content, so an agent can pick a model before it meets a 429.
/// Notifications get 202. Stateless: no session id, no server-initiated stream (GET answers 405).
/// </summary>
internal static class McpEndpoint
{
    public const string Path = "/mcp";

    /// <summary>The protocol versions this server speaks; an unknown one asked for gets the newest.</summary>
    public static readonly string[] ProtocolVersions = ["2025-06-18", "2025-03-26", "2024-11-05"];

    private const int ParseError = -32700;
    private const int InvalidRequest = -32600;
    private const int MethodNotFound = -32601;
    private const int InvalidParams = -32602;

    public static async Task HandleAsync(HttpContext http, QuotaReporter reporter)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            await WriteAsync(http, Error(null, ParseError, "The body is not valid JSON."));
            return;
        }

        if (body is JsonArray)
        {
            await WriteAsync(http, Error(null, InvalidRequest, "Batches are not supported."));
            return;
        }

        if (body is not JsonObject message || (string?)Value(message, "jsonrpc") != "2.0" || Value(message, "method") is not { } method)
        {
            // A response or anything else from the client: nothing to answer.
            http.Response.StatusCode = body is JsonObject { } o && o.ContainsKey("id") && !o.ContainsKey("method")
                ? StatusCodes.Status202Accepted
                : StatusCodes.Status400BadRequest;
            if (http.Response.StatusCode == StatusCodes.Status400BadRequest)
            {
                await WriteAsync(http, Error(null, InvalidRequest, "Expected a JSON-RPC 2.0 request."), StatusCodes.Status400BadRequest);
            }

            return;
        }

        var id = message["id"]?.DeepClone();
        if (id is null)
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            return;
        }

        var parameters = message["params"] as JsonObject;
        var response = method switch
        {
            "initialize" => Result(id, Initialize(parameters)),
            "ping" => Result(id, new JsonObject()),
            "tools/list" => Result(id, new JsonObject { ["tools"] = new JsonArray { (JsonNode)QuotaTool() } }),
            "tools/call" => Call(id, parameters, reporter),
            _ => Error(id, MethodNotFound, $"Unknown method '{method}'."),
        };
        await WriteAsync(http, response);
    }

    private static string? Value(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject Initialize(JsonObject? parameters)
    {
        var asked = parameters is null ? null : Value(parameters, "protocolVersion");
        var version = asked is not null && ProtocolVersions.Contains(asked, StringComparer.Ordinal) ? asked : ProtocolVersions[0];
        return new JsonObject
        {
            ["protocolVersion"] = version,
            ["capabilities"] = new JsonObject { ["tools"] = new JsonObject { ["listChanged"] = false } },
            ["serverInfo"] = new JsonObject { ["name"] = "switchyard", ["version"] = ProductVersion() },
            ["instructions"] = "Call the quota tool before choosing a model: it tells, per model family (gemini, 3p = Claude and GPT-OSS) "
                + "and window (5h, weekly), how much quota the pool has left and when it resets.",
        };
    }

    private static JsonObject QuotaTool() => new()
    {
        ["name"] = "quota",
        ["title"] = "Switchyard quota",
        ["description"] = "The account pool's remaining quota per model family (gemini: Gemini models; 3p: Claude and GPT-OSS) and "
            + "window (5h, weekly): remaining fraction (pool mean and best account), soonest reset, accounts with quota, forecast. "
            + "Pick a family with quota left to avoid 429s.",
        ["inputSchema"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["family"] = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray { (JsonNode)"gemini", (JsonNode)"3p" },
                    ["description"] = "Only this family; all when left out.",
                },
            },
        },
        ["annotations"] = new JsonObject { ["readOnlyHint"] = true, ["openWorldHint"] = false },
    };

    private static JsonObject Call(JsonNode id, JsonObject? parameters, QuotaReporter reporter)
    {
        if (parameters is null || Value(parameters, "name") is not { } name)
        {
            return Error(id, InvalidParams, "tools/call needs a tool name.");
        }

        if (name != "quota")
        {
            return Error(id, InvalidParams, $"Unknown tool '{name}'. This server has one tool: quota.");
        }

        var family = parameters["arguments"] is JsonObject arguments ? Value(arguments, "family") : null;
        if (family is not null && family is not ("gemini" or "3p"))
        {
            return Result(id, new JsonObject
            {
                ["content"] = new JsonArray { (JsonNode)new JsonObject { ["type"] = "text", ["text"] = $"Unknown family '{family}': use gemini or 3p." } },
                ["isError"] = true,
            });
        }

        var report = AgentEndpoints.ToNode(reporter.Build(family));
        return Result(id, new JsonObject
        {
            ["content"] = new JsonArray { (JsonNode)new JsonObject { ["type"] = "text", ["text"] = report.ToJsonString() } },
            ["structuredContent"] = report,
            ["isError"] = false,
        });
    }

    private static JsonObject Result(JsonNode id, JsonObject result) => new() { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };

    private static JsonObject Error(JsonNode? id, int code, string text) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = code, ["message"] = text } };

    private static async Task WriteAsync(HttpContext http, JsonObject response, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(response.ToJsonString(), http.RequestAborted);
    }

    private static string ProductVersion() =>
        typeof(McpEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
