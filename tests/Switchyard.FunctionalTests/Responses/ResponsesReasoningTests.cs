using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Responses;

/// <summary>
/// Reasoning carried by <c>encrypted_content</c> alone (<c>store: false</c>): three turns of a tool loop, each on a new
/// gateway instance sharing the data directory (so no thinking is remembered in memory, and the instances share the
/// reasoning key), against the strict emulator that checks every signature.
/// </summary>
public sealed class ResponsesReasoningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool> Routes => new()
    {
        { "claude-opus-4-6-thinking", false },
        { "claude-opus-4-6-thinking", true },
        { "gemini-3-flash", false },
        { "gemini-3-flash", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Create_ThreeTurnToolLoopOnFreshInstances_EncryptedReasoningCarriesTheSignatures(string model, bool stream)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddScriptAsync(JsonNode.Parse($$$"""
            {"match":{"model":"{{{model}}}"},"responses":[
              {"thinking":"I should read a.txt first.","functionCalls":[{"name":"read_file","args":{"path":"a.txt"}}]},
              {"thinking":"Now b.txt.","functionCalls":[{"name":"read_file","args":{"path":"b.txt"}}]},
              {"thinking":"Both read.","text":"They say A and B."}]}
            """)!, Ct);
        var input = new JsonArray(ResponsesCalls.UserText("Read a.txt, then b.txt, and tell me what they say."));
        var outputs = new[] { "A\n", "B\n" };
        ResponsesReply? reply = null;
        for (var turn = 0; turn < 3; turn++)
        {
            using var client = await FreshGatewayAsync(h);
            var body = new JsonObject
            {
                ["model"] = model,
                ["store"] = false,
                ["include"] = new JsonArray("reasoning.encrypted_content"),
                ["reasoning"] = new JsonObject { ["effort"] = "high", ["summary"] = "auto" },
                ["tools"] = new JsonArray(ResponsesCalls.Function("read_file")),
                ["input"] = input.DeepClone(),
            };
            reply = await ResponsesCalls.PostAsync(client, body, stream);
            Assert.True(reply.Status == HttpStatusCode.OK, $"turn {turn + 1}: {reply.Error?.ToJsonString()}");
            if (turn == 2)
            {
                break;
            }

            var items = reply.DoneItems;
            var reasoning = Assert.Single(items, i => (string?)i["type"] == "reasoning");
            Assert.StartsWith("sy1.", (string)reasoning["encrypted_content"]!, StringComparison.Ordinal);
            var call = Assert.Single(items, i => (string?)i["type"] == "function_call");
            foreach (var item in items)
            {
                input.Add(item.DeepClone());
            }

            input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = call["call_id"]!.DeepClone(), ["output"] = outputs[turn] });
        }

        Assert.Equal("They say A and B.", reply!.Text);
        var last = (await ResponsesCalls.UpstreamBodiesAsync(h))[^1]["request"]!["contents"]!.AsArray();
        var modelTurns = last.Where(c => (string?)c!["role"] == "model").Select(c => c!["parts"]!.AsArray()).ToList();
        Assert.Equal(2, modelTurns.Count);
        foreach (var parts in modelTurns)
        {
            if (model.StartsWith("claude", StringComparison.Ordinal))
            {
                Assert.True((bool?)parts[0]!["thought"] == true, parts.ToJsonString());
                Assert.False(string.IsNullOrEmpty((string?)parts[0]!["thoughtSignature"]));
            }
            else
            {
                var signature = (string?)parts.First(p => p!["functionCall"] is not null)!["thoughtSignature"];
                Assert.False(string.IsNullOrEmpty(signature));
                Assert.NotEqual("skip_thought_signature_validator", signature);
            }
        }
    }

    [Fact]
    public async Task Create_TamperedEncryptedContent_400NamingTheItem()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject
        {
            ["model"] = "gemini-3-flash",
            ["include"] = new JsonArray("reasoning.encrypted_content"),
            ["tools"] = new JsonArray(ResponsesCalls.Function("read_file")),
            ["input"] = new JsonArray(ResponsesCalls.UserText("""Read [[emu:call read_file {"path":"a"}]]""")),
        };
        var first = await ResponsesCalls.PostAsync(h, body, stream: false);
        var reasoning = first.Items("reasoning").Single();
        var sealedText = (string)reasoning["encrypted_content"]!;
        var flipped = sealedText[^3] == 'A' ? 'B' : 'A';
        reasoning["encrypted_content"] = sealedText[..^3] + flipped + sealedText[^2..];
        var input = body["input"]!.AsArray();
        input.Add(reasoning.DeepClone());
        input.Add(first.Items("function_call").Single().DeepClone());
        input.Add(new JsonObject { ["type"] = "function_call_output", ["call_id"] = first.Items("function_call").Single()["call_id"]!.DeepClone(), ["output"] = "x" });

        var reply = await ResponsesCalls.PostAsync(h, body, stream: false);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("input[1].encrypted_content", (string)reply.Error!["error"]!["param"]!);
        Assert.Equal("invalid_encrypted_content", (string)reply.Error["error"]!["code"]!);
    }

    [Fact]
    public async Task Create_FirstUse_ReasoningKeyFileOwnerOnlyAndKeptAcrossInstances()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var body = new JsonObject { ["model"] = "gemini-3-flash", ["input"] = "[[emu:text hi]]", ["include"] = new JsonArray("reasoning.encrypted_content") };
        await ResponsesCalls.PostAsync(h, body, stream: false);
        var path = Path.Combine(h.Accounts.DataDir, "responses-reasoning.key");
        var key = await File.ReadAllBytesAsync(path, Ct);

        using var other = await FreshGatewayAsync(h);
        await ResponsesCalls.PostAsync(other, body, stream: false);

        Assert.Equal(32, key.Length);
        Assert.Equal(key, await File.ReadAllBytesAsync(path, Ct));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    /// <summary>Another gateway on the same data directory, settings and emulator (its own memory).</summary>
    private static async Task<HttpClient> FreshGatewayAsync(FrontDoorHarness h)
    {
        var app = await h.Accounts.StartGatewayAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };
    }
}
