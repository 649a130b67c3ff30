using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Conversation shapes the strict upstream refuses and the gateway fixes before sending (issue 15): text before the
/// tool results of a turn, an assistant prefill, output tokens above the model's limit.
/// </summary>
public sealed class StrictConversationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_TextBeforeToolResult_ResultsMovedFirstNothingDropped(bool toolResultsFirst)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetValidateAsync("toolResultsFirst", toolResultsFirst, Ct);
        var (body, id) = await OpenLoopAsync(h);
        body["messages"]!.AsArray()[^1] = new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "Here is the result:" },
                new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = id, ["content"] = "Sunny, 21 C" }),
        };

        using var response = await h.PostAsync("v1/messages", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await CallsAsync(h));
        var parts = sent.Request["contents"]![2]!["parts"]!.AsArray();
        Assert.Equal(id, (string?)parts[0]!["functionResponse"]!["id"]);
        Assert.Equal("Here is the result:", (string?)parts[1]!["text"]);
        Assert.Equal("tool-results-first", Repairs(response));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_AssistantPrefill_RemovedSaidSoAndAnswered(bool rejectAssistantPrefill)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetValidateAsync("rejectAssistantPrefill", rejectAssistantPrefill, Ct);
        var body = """
            {"model":"claude-sonnet-4-6","max_tokens":256,"messages":[
              {"role":"user","content":"[[emu:text a JSON answer]]"},{"role":"assistant","content":"{"}]}
            """;

        using var response = await h.PostAsync("v1/messages", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await CallsAsync(h));
        Assert.Equal("user", (string?)sent.Request["contents"]!.AsArray()[^1]!["role"]);
        Assert.Equal("assistant-prefill", Repairs(response));
    }

    public static TheoryData<string, string, int> DoorsAndLimits()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var door in DoorCalls.Doors)
        {
            data.Add(door, "claude-sonnet-4-6", 64_000);
            data.Add(door, "claude-opus-4-6-thinking", 64_000);
            data.Add(door, "gemini-3-flash", 65_536);
            data.Add(door, "gemini-2.5-flash", 65_535);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoorsAndLimits))]
    public async Task Generate_OutputTokensAboveTheModelsLimit_ClampedToItAndAccepted(string door, string model, int limit)
    {
        // Gemini 2.5 lives in the gemini-cli pool, which only a licensed account keeps in 2026.
        await using var h = await FrontDoorHarness.StartLicensedAsync();
        var (path, body) = door switch
        {
            "anthropic" => ("v1/messages", $$"""{"model":"{{model}}","max_tokens":200000,"messages":[{"role":"user","content":"hi"}]}"""),
            "openai" => ("v1/chat/completions", $$"""{"model":"{{model}}","max_completion_tokens":200000,"messages":[{"role":"user","content":"hi"}]}"""),
            "responses" => ("v1/responses", $$"""{"model":"{{model}}","max_output_tokens":200000,"input":"hi"}"""),
            _ => ($"v1beta/models/{model}:generateContent", """{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"maxOutputTokens":200000}}"""),
        };

        using var response = await h.PostAsync(path, body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var sent = Assert.Single(await CallsAsync(h));
        Assert.Equal(limit, (int?)sent.Request["generationConfig"]!["maxOutputTokens"]);
    }
}
