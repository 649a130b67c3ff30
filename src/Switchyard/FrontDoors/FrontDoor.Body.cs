using System.Net.Http.Headers;
using Switchyard.Foundation;
using Switchyard.RequestLog;

namespace Switchyard.FrontDoors;

internal sealed partial class FrontDoor
{
    /// <summary>
    /// The body, or null after an error (415, 413, 400, 503) has been written. Held within the
    /// <see cref="BodyBudget"/> until the request ends; checked by <see cref="StrictJson"/> before any translator
    /// reads it.
    /// </summary>
    public async Task<byte[]?> ReadBodyAsync(HttpContext http, IProtocolErrors errors)
    {
        var contentType = http.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType)
            && (!MediaTypeHeaderValue.TryParse(contentType, out var media)
                || !(string.Equals(media.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                    || (media.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false))))
        {
            await WriteErrorAsync(http, errors.Create(415, $"Unsupported content type '{contentType}'; send application/json."));
            return null;
        }

        if (await ReadWithinLimitsAsync(http, errors, "The request body is empty; send a JSON object.") is not { } body)
        {
            return null;
        }

        if (StrictJson.Check(body) is { } invalid)
        {
            await WriteErrorAsync(http, errors.Create(400, invalid));
            return null;
        }

        if (requestLog.CurrentValue is { CaptureBodies: true } capture && RequestTrace.Of(http) is { } trace)
        {
            // The writer redacts secrets and cuts to MaxBodyBytes; only that much (and a margin, so a secret across
            // the limit is whole when it is redacted) is ever decoded.
            trace.RequestBody = System.Text.Encoding.UTF8.GetString(body, 0, (int)Math.Min(body.Length, (long)capture.MaxBodyBytes + BodyRedactor.CaptureMargin));
        }

        return body;
    }

    /// <summary>
    /// A body that is not JSON (a multipart upload), read like <see cref="ReadBodyAsync"/> within the body limit and
    /// the <see cref="BodyBudget"/> (held until the request ends); null after an error (413, 400, 503) has been written.
    /// The caller parses it.
    /// </summary>
    public Task<byte[]?> ReadUploadAsync(HttpContext http, IProtocolErrors errors) => ReadWithinLimitsAsync(http, errors, "The request body is empty; send the form.");

    /// <summary>The non-empty body within <see cref="ServerOptions.MaxRequestBodyBytes"/> and the budget; null after an error has been written.</summary>
    private async Task<byte[]?> ReadWithinLimitsAsync(HttpContext http, IProtocolErrors errors, string empty)
    {
        var limit = server.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            await WriteErrorAsync(http, errors.Create(413, $"The request body is larger than {limit} bytes."));
            return null;
        }

        // A declared length waits for its share of the buffering budget; a chunked body reserves as it grows.
        var lease = http.Request.ContentLength is { } declared ? await budget.AcquireAsync(declared, http.RequestAborted) : budget.Start();
        http.Response.RegisterForDispose(lease);
        byte[]? body;
        var tooLarge = true;
        try
        {
            // A declared length (within the limit, checked above) is read straight into an array of that size;
            // a chunked body grows in a buffer through a pooled chunk.
            (body, tooLarge) = http.Request.ContentLength is { } length
                ? (await ReadDeclaredAsync(http.Request.Body, (int)length, http.RequestAborted), false)
                : await ReadChunkedAsync(http.Request.Body, limit, lease, http.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        catch (IOException ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some broken framing (a chunk size that overflows) as a plain IOException.
            await WriteErrorAsync(http, errors.Create(400, "The request body could not be read: " + ex.Message));
            return null;
        }

        if (body is null)
        {
            if (!tooLarge)
            {
                http.Response.Headers.RetryAfter = "1";
                await WriteErrorAsync(http, errors.Create(503, "The gateway is holding as many request bodies as it may (Server:MaxBufferedBodyBytes); retry shortly."));
                return null;
            }

            await WriteErrorAsync(http, errors.Create(413, $"The request body is larger than {limit} bytes."));
            return null;
        }

        if (body.Length == 0)
        {
            await WriteErrorAsync(http, errors.Create(400, empty));
            return null;
        }

        return body;
    }

    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await body.ReadAsync(bytes.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled == length ? bytes : bytes[..filled];
    }

    /// <summary>The whole body; null and TooLarge when it grows past <paramref name="limit"/>, null alone when the budget ran out.</summary>
    private static async Task<(byte[]? Body, bool TooLarge)> ReadChunkedAsync(Stream body, long limit, BodyBudget.Lease lease, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, true);
                }

                // Twice the bytes: the buffer and the array made from it.
                if (!lease.Grow(2L * read))
                {
                    return (null, false);
                }

                await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return (buffer.ToArray(), false);
    }
}
