using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class CountTokensTests
{
    private static async Task<int> CountAsync(EmulatorFixture emu, JsonObject request)
    {
        var token = await emu.TokenAsync();
        using var response = await emu.CallAsync("countTokens", new JsonObject { ["request"] = request }, token);
        Assert.Equal(200, (int)response.StatusCode);
        return (int)(await EmulatorFixture.ReadJsonAsync(response))["totalTokens"]!;
    }

    private static JsonObject UserText(string text) => new()
    {
        ["role"] = "user",
        ["parts"] = new JsonArray { new JsonObject { ["text"] = text } },
    };

    [Theory]
    [InlineData(400, 100)]
    [InlineData(401, 101)]
    [InlineData(1, 1)]
    public async Task CountTokens_TextOfNChars_ReturnsCeilingOfQuarter(int chars, int expected)
    {
        await using var emu = await StartAsync();

        var total = await CountAsync(emu, new JsonObject { ["contents"] = new JsonArray { UserText(new string('a', chars)) } });

        Assert.Equal(expected, total);
    }

    [Fact]
    public async Task CountTokens_SystemToolsAndImage_AddUpLikeTheEstimate()
    {
        await using var emu = await StartAsync();
        var tools = new JsonArray { new JsonObject { ["functionDeclarations"] = new JsonArray { new JsonObject { ["name"] = "ls" } } } };
        var request = new JsonObject
        {
            ["model"] = "gemini-2.5-flash",
            ["systemInstruction"] = new JsonObject { ["role"] = "user", ["parts"] = new JsonArray { new JsonObject { ["text"] = new string('s', 40) } } },
            ["tools"] = tools,
            ["contents"] = new JsonArray
            {
                new JsonObject
                {
                    ["role"] = "user",
                    ["parts"] = new JsonArray
                    {
                        new JsonObject { ["text"] = new string('u', 80) },
                        new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "image/png", ["data"] = CannedContent.PngBase64 } },
                    },
                },
            },
        };

        var total = await CountAsync(emu, request);

        Assert.Equal(10 + TokenEstimator.Text(tools.ToJsonString()) + 20 + TokenEstimator.ImageTokens, total);
    }

    [Fact]
    public async Task CountTokens_SameRequestAsGenerate_MatchesPromptTokenCount()
    {
        await using var emu = await StartAsync();
        var envelope = EmulatorFixture.Envelope("gemini-3-flash", new string('p', 123));

        var counted = await CountAsync(emu, envelope["request"]!.DeepClone().AsObject());
        var generated = await GenerateAsync(emu, envelope);

        Assert.Equal(31, counted);
        Assert.Equal(counted, UsageValue(generated, "promptTokenCount"));
    }
}
