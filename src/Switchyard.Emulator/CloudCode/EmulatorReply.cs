using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>What the emulator answers. Each kind writes itself and reports the status and bytes it sent.</summary>
internal abstract record EmulatorReply
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The status this reply will send (0 for a reset connection).</summary>
    public abstract int Status { get; }

    public abstract Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken);

    protected void ApplyHeaders(HttpContext http)
    {
        if (Headers is null)
        {
            return;
        }

        foreach (var (name, value) in Headers)
        {
            http.Response.Headers[name] = value;
        }
    }
}

/// <summary>A JSON body (success or Google error envelope).</summary>
internal sealed record JsonReply(int Code, JsonNode Body) : EmulatorReply
{
    public override int Status => Code;

    /// <summary>The Content-Type sent with the JSON; a stream 429 goes out as <c>text/event-stream</c> (2026 §2.2).</summary>
    public string ContentType { get; init; } = "application/json; charset=UTF-8";

    public override async Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(Body.ToJsonString());
        http.Response.StatusCode = Status;
        http.Response.ContentType = ContentType;
        ApplyHeaders(http);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, cancellationToken);
        return (Status, bytes.Length);
    }
}

/// <summary>Any body with any content type, e.g. an HTML 502 from a load balancer.</summary>
internal sealed record RawReply(int Code, string ContentType, string Body) : EmulatorReply
{
    public override int Status => Code;

    public override async Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        http.Response.StatusCode = Status;
        if (ContentType.Length > 0)
        {
            http.Response.ContentType = ContentType;
        }

        ApplyHeaders(http);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, cancellationToken);
        return (Status, bytes.Length);
    }
}

/// <summary>The connection is reset before any response byte.</summary>
internal sealed record NetworkResetReply : EmulatorReply
{
    public override int Status => 0;

    public override Task<(int Status, long Bytes)> WriteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Abort();
        return Task.FromResult((0, 0L));
    }
}
