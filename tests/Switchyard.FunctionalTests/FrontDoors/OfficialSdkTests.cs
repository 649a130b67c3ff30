using System.ClientModel;
using System.Text;
using Anthropic;
using Anthropic.Models.Messages;
using OpenAI;
using OpenAI.Chat;

namespace Switchyard.FunctionalTests.FrontDoors;

/// <summary>The official .NET SDKs (Anthropic, OpenAI) talking to the gateway, text and streaming.</summary>
public sealed class OfficialSdkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AnthropicClient Anthropic(FrontDoorHarness h) =>
        new() { ApiKey = "unused-on-loopback", BaseUrl = h.Client.BaseAddress!.ToString().TrimEnd('/'), MaxRetries = 0 };

    private static ChatClient OpenAI(FrontDoorHarness h, string model) =>
        new(model, new ApiKeyCredential("unused-on-loopback"), new OpenAIClientOptions { Endpoint = new Uri(h.Client.BaseAddress!, "v1") });

    private static MessageCreateParams Params(string text) => new()
    {
        MaxTokens = 256,
        Messages = [new UserMessageParam(text)],
        Model = "claude-sonnet-4-5",
    };

    [Fact]
    public async Task AnthropicSdk_Create_ReadsText()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var message = await Anthropic(h).Messages.Create(Params("[[emu:text SDK hello]]"), Ct);
        var text = string.Concat(message.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        Assert.Contains("SDK hello", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnthropicSdk_CreateStreaming_ReadsDeltas()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var text = new StringBuilder();
        var stopped = false;
        await foreach (var e in Anthropic(h).Messages.CreateStreaming(Params("[[emu:text SDK streaming works]]"), Ct))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var t))
            {
                text.Append(t.Text);
            }

            stopped |= e.TryPickStop(out _);
        }

        Assert.Contains("SDK streaming works", text.ToString(), StringComparison.Ordinal);
        Assert.True(stopped);
    }

    [Fact]
    public async Task OpenAISdk_CompleteChat_ReadsText()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        ChatCompletion completion = await OpenAI(h, "gemini-3-flash").CompleteChatAsync([new UserChatMessage("[[emu:text OpenAI SDK hello]]")], cancellationToken: Ct);
        Assert.Contains("OpenAI SDK hello", completion.Content[0].Text, StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task OpenAISdk_CompleteChatStreaming_ReadsUpdates()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in OpenAI(h, "claude-sonnet-4-5").CompleteChatStreamingAsync([new UserChatMessage("[[emu:text OpenAI SDK streaming]]")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Contains("OpenAI SDK streaming", text.ToString(), StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }
}
