using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;

namespace Switchyard.FunctionalTests.FrontDoors;

public sealed class ClientDisconnectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_ClientDisconnectsMidStream_CancelsUpstreamCall()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        // The upstream sends one event, then stalls for ten minutes unless its caller goes away.
        await h.Emulator.Control.AddFaultAsync(JsonNode.Parse("""{"match":{"rpc":"streamGenerateContent"},"action":{"type":"stream","mode":"stall","afterEvents":1,"stallMs":600000}}""")!.AsObject(), Ct);
        var body = """{"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"[[emu:text one two three four five six]]"}]}""";
        var response = await h.PostAsync("v1/messages", body, completion: HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = SseParser.Create(await response.Content.ReadAsStreamAsync(Ct)).EnumerateAsync(Ct).GetAsyncEnumerator(Ct);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("message_start", events.Current.EventType);
        response.Dispose();

        // The emulator journals a caller that went away as 499; without cancellation it would stall on.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await h.Emulator.Control.GetRequestsAsync(rpc: "streamGenerateContent", cancellationToken: limit.Token)).All(e => e.Status != 499))
        {
            await Task.Yield();
        }
    }
}
