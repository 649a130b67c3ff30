using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// A <c>streamGenerateContent?alt=sse</c> reply: headers at once, then each step written and flushed.
/// A client that goes away cancels the write; <c>CloudCodeEndpoints</c> journals that as 499.
/// </summary>
/// <remarks>
/// The disconnect mode announces a Content-Length it never reaches and then ends. <c>HttpContext.Abort</c>
/// drops whatever Kestrel has not yet handed to the socket, so the client might not see the events it
/// should; ending short instead makes Kestrel close the connection after sending every byte written, and
/// the client sees the body end early, as after a reset.
/// </remarks>
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
        if (Settings.Shaping.Is("disconnect"))
        {
            http.Response.ContentLength = int.MaxValue;
        }

        await http.Response.StartAsync(cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);

        long bytes = 0;
        await foreach (var step in SseStreamer.StepsAsync(Events, Settings, Wall, cancellationToken))
        {
            if (step.Abort)
            {
                // Short of the announced Content-Length: Kestrel closes the connection once the bytes are out.
                break;
            }

            await http.Response.Body.WriteAsync(step.Bytes, cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            bytes += step.Bytes.Length;
        }

        return (Status, bytes);
    }
}
