using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary>A Responses reply read the way Codex and the SDKs read it: the final response object and, for a stream, every event.</summary>
internal sealed record ResponsesReply(HttpStatusCode Status, JsonObject? Response, JsonObject? Error, List<SseItem<string>> Events, HttpResponseMessage Http)
{
    public JsonArray Output => Response?["output"]?.AsArray() ?? [];

    public IEnumerable<JsonObject> Items(string type) => Output.OfType<JsonObject>().Where(i => (string?)i["type"] == type);

    /// <summary>The items as Codex builds them: from <c>response.output_item.done</c> events (stream) or the output (whole reply).</summary>
    public List<JsonObject> DoneItems => Events.Count == 0
        ? [.. Output.OfType<JsonObject>()]
        : [.. Events.Where(e => e.EventType == "response.output_item.done").Select(e => JsonNode.Parse(e.Data)!["item"]!.AsObject())];

    public string Text => string.Concat(Items("message").SelectMany(m => m["content"]!.AsArray()).Select(c => (string?)c!["text"]));
}

/// <summary>Posts Responses requests to a gateway, streamed or not, and reads the reply.</summary>
internal static class ResponsesCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ResponsesReply> PostAsync(HttpClient client, JsonObject body, bool stream, string path = "v1/responses")
    {
        body["stream"] = stream;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
            return new ResponsesReply(response.StatusCode, null, error, [], response);
        }

        if (!stream)
        {
            return new ResponsesReply(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject(), null, [], response);
        }

        var events = await FrontDoorHarness.EventsAsync(response);
        var final = events.Select(e => JsonNode.Parse(e.Data)!).LastOrDefault(d => (string?)d["type"] is "response.completed" or "response.incomplete" or "response.failed");
        return new ResponsesReply(response.StatusCode, final?["response"]?.AsObject(), null, events, response);
    }

    public static Task<ResponsesReply> PostAsync(FrontDoorHarness h, JsonObject body, bool stream, string path = "v1/responses") =>
        PostAsync(h.Client, body, stream, path);

    public static JsonObject Function(string name, string property = "path") => new()
    {
        ["type"] = "function",
        ["name"] = name,
        ["description"] = "A test tool",
        ["parameters"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [property] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray(property),
        },
    };

    public static JsonObject UserText(string text) => new()
    {
        ["type"] = "message",
        ["role"] = "user",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "input_text", ["text"] = text }),
    };

    /// <summary>The generate calls the emulator saw, with their request bodies parsed.</summary>
    public static async Task<List<JsonObject>> UpstreamBodiesAsync(FrontDoorHarness h) =>
        [.. (await h.GenerateCallsAsync()).Select(e => JsonNode.Parse(e.Body!)!.AsObject())];
}
