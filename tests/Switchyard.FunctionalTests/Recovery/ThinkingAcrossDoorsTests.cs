using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Claude thinking through the Gemini and OpenAI doors against the strict upstream (issue 15): a thought streamed as
/// several parts and sent back as those parts, and a tool loop whose thinking only the gateway holds, across a
/// gateway restart. Each under both readings of the rule in question.
/// </summary>
public sealed class ThinkingAcrossDoorsTests
{
    private const string Opus = "claude-opus-4-6-thinking";

    private static readonly JsonArray GeminiTools = JsonNode.Parse("""
        [{"functionDeclarations":[{"name":"get_weather","description":"Weather for a city",
          "parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}]
        """)!.AsArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task StreamGenerateContent_ClaudeThoughtStreamedInPartsSentBackAsThoseParts_OneBlockAccepted(bool oneThoughtPartPerBlock)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetValidateAsync("oneThoughtPartPerBlock", oneThoughtPartPerBlock, Ct);
        var contents = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = """[[emu:think 60]] [[emu:call get_weather {"city":"Paris"}]]""" }) });
        var first = new JsonObject { ["contents"] = contents.DeepClone(), ["tools"] = GeminiTools.DeepClone() };

        using var streamed = await h.PostAsync($"v1beta/models/{Opus}:streamGenerateContent?alt=sse", first.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        var parts = new JsonArray();
        foreach (var item in await FrontDoorHarness.EventsAsync(streamed))
        {
            foreach (var part in JsonNode.Parse(item.Data)!["candidates"]?[0]?["content"]?["parts"]?.AsArray() ?? [])
            {
                parts.Add(part!.DeepClone());
            }
        }

        var thoughts = parts.Where(p => (bool?)p!["thought"] == true).ToList();
        Assert.True(thoughts.Count > 1, "the emulator streams a thought as several parts");
        var call = parts.Single(p => p!["functionCall"] is not null)!["functionCall"]!;
        contents.Add(new JsonObject { ["role"] = "model", ["parts"] = parts });
        contents.Add(new JsonObject
        {
            ["role"] = "user",
            ["parts"] = new JsonArray(new JsonObject
            {
                ["functionResponse"] = new JsonObject { ["id"] = call["id"]?.DeepClone(), ["name"] = "get_weather", ["response"] = new JsonObject { ["output"] = "Sunny" } },
            }),
        });
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var response = await h.PostAsync($"v1beta/models/{Opus}:generateContent", new JsonObject { ["contents"] = contents, ["tools"] = GeminiTools.DeepClone() }.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await CallsAsync(h));
        Assert.Equal(200, sent.Entry.Status);
        var turn = sent.Request["contents"]![1]!["parts"]!.AsArray();
        Assert.Equal(string.Concat(thoughts.Select(t => (string?)t!["text"])), (string?)turn[0]!["text"]);
        Assert.Equal((string?)thoughts[^1]!["thoughtSignature"], (string?)turn[0]!["thoughtSignature"]);
        Assert.Single(turn, p => (bool?)p!["thought"] == true);
    }

    /// <summary>A Gemini 2.5 thinking model's call sent back without its signature: the sentinel goes with it, no 400.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GenerateContent_Gemini25CallWithoutSignature_SignedBeforeSending(bool gemini25Signatures)
    {
        await using var h = await FrontDoorHarness.StartLicensedAsync();
        await h.Emulator.Control.SetValidateAsync("gemini25Signatures", gemini25Signatures, Ct);
        var body = new JsonObject
        {
            ["tools"] = GeminiTools.DeepClone(),
            ["contents"] = JsonNode.Parse("""
                [{"role":"user","parts":[{"text":"weather?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"output":"Sunny"}}}]}]
                """),
        };

        using var response = await h.PostAsync("v1beta/models/gemini-2.5-flash:generateContent", body.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(await CallsAsync(h));
        Assert.Equal("skip_thought_signature_validator", (string?)sent.Request["contents"]![1]!["parts"]![0]!["thoughtSignature"]);
    }

    /// <summary>OpenAI clients never send thinking back: the gateway's memory of it is on disk, so a restart loses nothing.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ChatCompletions_ThinkingToolLoopAcrossAGatewayRestart_ContinuesWithOneSend(bool strict)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.SetReadingsAsync(strict, Ct);
        var tools = JsonNode.Parse("""[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""")!;
        var messages = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = """[[emu:call get_weather {"city":"Paris"}]]""" });
        using (var first = await h.PostAsync("v1/chat/completions", new JsonObject { ["model"] = Opus, ["messages"] = messages.DeepClone(), ["tools"] = tools.DeepClone() }.ToJsonString()))
        {
            var message = (await FrontDoorHarness.JsonAsync(first))["choices"]![0]!["message"]!;
            var call = message["tool_calls"]![0]!;
            messages.Add(message.DeepClone());
            messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = call["id"]!.DeepClone(), ["content"] = "Sunny" });
        }

        await h.App.StopAsync(Ct);
        var restarted = await h.Accounts.StartGatewayAsync();
        using var client = new HttpClient { BaseAddress = new Uri(restarted.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/") };
        await h.Emulator.Control.ClearRequestsAsync(Ct);

        using var second = await client.PostAsync("v1/chat/completions",
            new StringContent(new JsonObject { ["model"] = Opus, ["messages"] = messages, ["tools"] = tools.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Emulated claude-opus-4-6-thinking reply after tool results: get_weather (Sunny)",
            (string?)(await FrontDoorHarness.JsonAsync(second))["choices"]![0]!["message"]!["content"]);
        var sent = Assert.Single(await CallsAsync(h));
        Assert.Equal(200, sent.Entry.Status);
        StrictThinkingTests.AssertEveryToolTurnStartsWithSignedThinking(sent.Request);
        Assert.Equal("", Repairs(second));
    }
}
