using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// A <c>streamGenerateContent?alt=sse</c> reply: headers at once, then each step written and flushed.
/// A client that goes away cancels the write; <c>CloudCodeEndpoints</c> journals that as 499.
/// </summary>
internal sealed record StreamReply(IReadOnlyList<JsonObject> Events, StreamSettings Settings, TimeProvider Wall) : EmulatorReply
{
    public override int Status => 200;

    public override async Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.StatusCode = Status;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        ApplyHeaders(http);
        await http.Response.StartAsync(cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);

        long bytes = 0;
        await foreach (var step in SseStreamer.StepsAsync(Events, Settings, Wall, cancellationToken))
        {
            if (step.Abort)
            {
                http.Abort();
                break;
            }

            await http.Response.Body.WriteAsync(step.Bytes, cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            bytes += step.Bytes.Length;
        }

        return (Status, bytes);
    }
}
