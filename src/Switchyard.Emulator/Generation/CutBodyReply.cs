using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// A JSON 200 that announces the whole body's Content-Length but sends only the first
/// <paramref name="Sent"/> bytes; Kestrel then closes the connection, so the client sees the body end
/// early, as after a reset (see <see cref="StreamReply"/>).
/// </summary>
internal sealed record CutBodyReply(byte[] Body, int Sent) : EmulatorReply
{
    public override int Status => 200;

    public override async Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = Status;
        http.Response.ContentType = "application/json; charset=UTF-8";
        ApplyHeaders(http);
        http.Response.ContentLength = Body.Length;
        await http.Response.Body.WriteAsync(Body.AsMemory(0, Sent), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
        return (Status, Sent);
    }
}
