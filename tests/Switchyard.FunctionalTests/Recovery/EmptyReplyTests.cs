using System.Net;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;
using static Switchyard.FunctionalTests.Recovery.RecoveryHarness;

namespace Switchyard.FunctionalTests.Recovery;

/// <summary>
/// Non-streaming replies that come back empty or cut short (the emulator's <c>body</c> fault): sent again before the
/// client sees a byte, like an empty stream; when every send is empty, a clear error in the client's envelope, never a
/// 200 with empty content.
/// </summary>
public sealed class EmptyReplyTests
{
    private static readonly string[] Modes = ["blank", "noCandidates", "noParts", "emptyText", "truncate", "disconnect"];

    private static JsonObject BodyFault(string mode, int? times)
    {
        var rule = new JsonObject
        {
            ["match"] = new JsonObject { ["rpc"] = "generateContent" },
            ["action"] = new JsonObject { ["type"] = "body", ["mode"] = mode },
        };
        if (times is { } n)
        {
            rule["times"] = n;
        }

        return rule;
    }

    private static (string Path, string Body) Text(string door) => door switch
    {
        "anthropic" => ("v1/messages", """{"model":"claude-sonnet-4-6","max_tokens":256,"messages":[{"role":"user","content":"[[emu:text the real answer]]"}]}"""),
        "openai" => ("v1/chat/completions", """{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"[[emu:text the real answer]]"}]}"""),
        "responses" => ("v1/responses", """{"model":"claude-sonnet-4-6","input":"[[emu:text the real answer]]"}"""),
        _ => ("v1beta/models/gemini-3-flash:generateContent", """{"contents":[{"role":"user","parts":[{"text":"[[emu:text the real answer]]"}]}]}"""),
    };

    public static TheoryData<string, string> ModesAndDoors()
    {
        var data = new TheoryData<string, string>();
        foreach (var mode in Modes)
        {
            foreach (var door in DoorCalls.Doors)
            {
                data.Add(mode, door);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModesAndDoors))]
    public async Task Generate_EmptyOrCutReplyOnce_SentAgainAndAnswered(string mode, string door)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(BodyFault(mode, times: 1), Ct);
        var (path, body) = Text(door);

        using var response = await h.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the real answer", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(2, (await h.GenerateCallsAsync()).Count);
        Assert.Equal("empty-reply", Repairs(response));
    }

    [Theory]
    [InlineData("anthropic", "api_error")]
    [InlineData("openai", "server_error")]
    [InlineData("responses", "server_error")]
    [InlineData("gemini", null)]
    public async Task Generate_EveryReplyEmpty_BoundedThen502InTheClientsEnvelope(string door, string? errorType)
    {
        await using var h = await FrontDoorHarness.StartAsync();
        await h.Emulator.Control.AddFaultAsync(BodyFault("emptyText", times: null), Ct);
        var (path, body) = Text(door);

        using var response = await h.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = (await FrontDoorHarness.JsonAsync(response))["error"]!;
        Assert.Contains("no content", (string)error["message"]!, StringComparison.Ordinal);
        if (errorType is not null)
        {
            Assert.Equal(errorType, (string?)error["type"]);
        }
        else
        {
            Assert.Equal(502, (int?)error["code"]);
        }

        Assert.Equal(3, (await h.GenerateCallsAsync()).Count); // the first send and MaxEmptyStreamRetries (2) more
    }
}
