using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.Tests.Validation;

/// <summary>Request builders and assertions shared by the validation tests.</summary>
internal static class ValidationKit
{
    public const string Opus = "claude-opus-4-6-thinking";
    public const string Sonnet = "claude-sonnet-4-6";
    public const string Flash3 = "gemini-3-flash";
    public const string Flash25 = "gemini-2.5-flash";

    public static JsonObject Text(string text) => new() { ["text"] = text };

    public static JsonObject Thought(string text, string? signature = null)
    {
        var part = new JsonObject { ["thought"] = true, ["text"] = text };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    public static JsonObject Call(string name, string? id = null, string? signature = null)
    {
        var call = new JsonObject { ["name"] = name, ["args"] = new JsonObject { ["path"] = "a.txt" } };
        if (id is not null)
        {
            call["id"] = id;
        }

        var part = new JsonObject { ["functionCall"] = call };
        if (signature is not null)
        {
            part["thoughtSignature"] = signature;
        }

        return part;
    }

    public static JsonObject Response(string name, string? id = null)
    {
        var response = new JsonObject { ["name"] = name, ["response"] = new JsonObject { ["content"] = "hello" } };
        if (id is not null)
        {
            response["id"] = id;
        }

        return new JsonObject { ["functionResponse"] = response };
    }

    public static JsonObject User(params JsonNode[] parts) => Turn("user", parts);

    public static JsonObject Model(params JsonNode[] parts) => Turn("model", parts);

    private static JsonObject Turn(string role, JsonNode[] parts) => new() { ["role"] = role, ["parts"] = new JsonArray(parts) };

    /// <summary>An antigravity-style envelope around the given contents and optional generationConfig.</summary>
    public static JsonObject Envelope(string model, JsonArray contents, JsonObject? generationConfig = null)
    {
        var body = EmulatorFixture.Envelope(model);
        var request = body["request"]!.AsObject();
        request["contents"] = contents;
        if (generationConfig is not null)
        {
            request["generationConfig"] = generationConfig;
        }

        return body;
    }

    /// <summary>Claude thinking on: includeThoughts, an 8192 budget, 64000 max out.</summary>
    public static JsonObject ThinkingOn() => new()
    {
        ["maxOutputTokens"] = 64000,
        ["thinkingConfig"] = new JsonObject { ["includeThoughts"] = true, ["thinkingBudget"] = 8192 },
    };

    /// <summary>A signed Claude tool loop: user text, model (thinking, call), user (response).</summary>
    public static JsonArray ClaudeToolLoop(Signatures signatures, string thinking = "I should read a.txt.") =>
    [
        User(Text("Read a.txt")),
        Model(Thought(thinking, signatures.Sign(Signatures.Claude, thinking)), Call("read_file", "toolu_1")),
        User(Response("read_file", "toolu_1")),
    ];

    public static Task<HttpResponseMessage> GenerateAsync(this EmulatorFixture emu, JsonNode body, string token) =>
        emu.CallAsync("generateContent", body, token);

    /// <summary>Sets one <c>validate</c> toggle, e.g. <c>thinkingOnEveryToolTurn</c>.</summary>
    public static async Task SetValidateAsync(this EmulatorFixture emu, string toggle, bool on) =>
        await emu.Control.SetValidateAsync(toggle, on, TestContext.Current.CancellationToken);

    public static async Task PatchAsync(this EmulatorFixture emu, string patchJson) =>
        await emu.Control.PatchConfigAsync(JsonNode.Parse(patchJson)!.AsObject(), TestContext.Current.CancellationToken);

    public static async Task AssertOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
    }

    /// <summary>A plain Google 400 INVALID_ARGUMENT with exactly this message.</summary>
    public static async Task AssertGoogle400Async(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorFixture.ReadJsonAsync(response))["error"]!.AsObject();
        Assert.Equal(400, (int?)error["code"]);
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        Assert.Equal(message, (string?)error["message"]);
    }

    /// <summary>A double-wrapped Claude 400: the Google message is an Anthropic invalid_request_error with this message.</summary>
    public static async Task AssertClaude400Async(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EmulatorFixture.ReadJsonAsync(response))["error"]!.AsObject();
        Assert.Equal("INVALID_ARGUMENT", (string?)error["status"]);
        var inner = JsonNode.Parse((string)error["message"]!)!.AsObject();
        Assert.Equal("error", (string?)inner["type"]);
        Assert.Equal("invalid_request_error", (string?)inner["error"]!["type"]);
        Assert.Equal(message, (string?)inner["error"]!["message"]);
        Assert.StartsWith("req_vrtx_", (string?)inner["request_id"], StringComparison.Ordinal);
    }

    /// <summary>The Outcome journalled for the last generate/countTokens call.</summary>
    public static async Task<string?> LastOutcomeAsync(this EmulatorFixture emu)
    {
        var entries = await emu.Control.GetRequestsAsync(cancellationToken: TestContext.Current.CancellationToken);
        return entries[^1].Outcome;
    }
}
