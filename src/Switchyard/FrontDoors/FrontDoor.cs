using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.Dispatch;
using Switchyard.Foundation;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Quota;
using Switchyard.RateLimits;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>
/// The steps every front door shares: read the body within the limit, resolve the model, send the translated
/// request through the account pool, and answer failures in the protocol's envelope.
/// </summary>
internal sealed partial class FrontDoor(
    IOptions<ServerOptions> server,
    ModelResolver models,
    QuotaService quota,
    UpstreamDispatcher dispatcher,
    SessionRecovery recovery,
    IOptionsMonitor<RequestLogOptions> requestLog,
    BodyBudget budget,
    TimeProvider time,
    ILogger<FrontDoor> logger)
{
    public TimeProvider Time => time;

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
            await WriteErrorAsync(http, errors.Create(400, "The request body is empty; send a JSON object."));
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

    /// <summary>
    /// The route for <paramref name="model"/>, or null after a 404 has been written. The live catalogue is the authority
    /// (upstream-2026 §6): a name the built-ins do not know is sent as is when some account's catalogue lists it, and an
    /// upstream id the catalogue (or the built-in hints) names deprecated is sent as its successor.
    /// </summary>
    public async Task<ModelRoute?> ResolveAsync(HttpContext http, IProtocolErrors errors, string model)
    {
        var resolution = models.Resolve(model);
        var route = resolution.Route
            ?? (quota.IsServed(ModelAliases.Normalize(model)) ? ModelResolver.PassThrough(model) : null);
        if (route is not null && quota.SuccessorOf(route.UpstreamModel) is { } successor
            && !string.Equals(successor, route.UpstreamModel, StringComparison.OrdinalIgnoreCase))
        {
            route = ModelResolver.Retarget(route, successor);
        }

        if (RequestTrace.Of(http) is { } trace)
        {
            trace.RequestedModel = model;
            trace.MappedModel = route?.UpstreamModel;
        }

        if (route is null)
        {
            await WriteErrorAsync(http, errors.Create(404, resolution.Error!));
            return null;
        }

        return route;
    }

    /// <summary>
    /// Sends a generateContent request translated by <paramref name="translate"/> through the account pool: repaired
    /// before it is sent and once more after a known rejection, sent again when the reply is empty or cut short (see
    /// <see cref="SessionRecovery"/>). Returns the served attempt, its reply read (<see cref="UpstreamAttempt.ReadEnvelopeAsync"/>),
    /// or null after the error has been written in the client's envelope.
    /// </summary>
    public async Task<UpstreamAttempt?> GenerateAsync(HttpContext http, IProtocolErrors errors, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> translate, SessionKeyInputs session)
    {
        Trace(http, stream: false);
        var build = recovery.Build(http, route, translate);
        var result = await recovery.ReadReplyAsync(http, errors.Protocol, () => dispatcher.SendAsync(http, GenerateClient.Generate, route, build, session));
        return await AnswerAsync(http, errors, result);
    }

    /// <summary>
    /// As <see cref="GenerateAsync"/> for a stream, read up to its first content event (a stream with none is sent
    /// again). Null after the error has been written.
    /// </summary>
    public async Task<OpenedStream?> StreamAsync(HttpContext http, IProtocolErrors errors, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> translate, SessionKeyInputs session)
    {
        var opening = await OpenStreamAsync(http, errors.Protocol, route, translate, session);
        if (opening.Failure is { } failure)
        {
            await WriteFailureAsync(http, errors, failure);
        }

        return opening.Stream;
    }

    /// <summary>
    /// As <see cref="StreamAsync"/>, but writes nothing: the failure comes back as a value. For a later round of a
    /// response that already started (the gateway's own web search), where a failure becomes the protocol's error event.
    /// </summary>
    public Task<StreamOpening> OpenStreamAsync(HttpContext http, string protocol, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> translate, SessionKeyInputs session)
    {
        Trace(http, stream: true);
        var build = recovery.Build(http, route, translate);
        return recovery.OpenStreamAsync(http, protocol, () => dispatcher.SendAsync(http, GenerateClient.StreamGenerate, route, build, session));
    }

    /// <summary>
    /// A countTokens request through the account pool; null on failure, after the error has been written, or with
    /// no <paramref name="errors"/> quietly (the caller estimates).
    /// </summary>
    public async Task<UpstreamAttempt?> CountTokensAsync(HttpContext http, IProtocolErrors? errors, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> translate, SessionKeyInputs session)
    {
        Trace(http, stream: false);
        var result = await dispatcher.SendAsync(http, GenerateClient.CountTokens, route, SessionRecovery.WithValidToolNames(translate), session);
        return errors is null ? result.Attempt : await AnswerAsync(http, errors, result);
    }

    /// <summary>The message for the error event of a stream cut after its first byte (recorded and logged).</summary>
    public string StreamCut(HttpContext http, string protocol, Exception exception) => recovery.StreamCut(http, protocol, exception);

    private static void Trace(HttpContext http, bool stream)
    {
        if (RequestTrace.Of(http) is { } trace)
        {
            trace.Stream = stream;
        }
    }

    private static async Task<UpstreamAttempt?> AnswerAsync(HttpContext http, IProtocolErrors errors, DispatchResult result)
    {
        if (result.Failure is { } failure)
        {
            await WriteFailureAsync(http, errors, failure);
        }

        return result.Attempt;
    }

    /// <summary>A trip's failure in the client's envelope, with <c>Retry-After</c> when it names a delay.</summary>
    public static Task WriteFailureAsync(HttpContext http, IProtocolErrors errors, DispatchFailure failure)
    {
        if (failure.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = RetryAfterHeader.Format(retryAfter);
        }

        return WriteErrorAsync(http, failure.Message is { } message
            ? errors.Create(failure.Status, message)
            : errors.FromUpstream(failure.Status, failure.UpstreamBody));
    }

    public static async Task WriteErrorAsync(HttpContext http, ClientError error)
    {
        http.Response.StatusCode = error.Status;
        http.Response.ContentType = "application/json";
        if (RequestTrace.Of(http) is { } trace)
        {
            trace.Error ??= ErrorMessage(error.Json);
        }

        RequestTracing.FirstByte(http);
        await http.Response.WriteAsync(error.Json, http.RequestAborted);
    }

    public static Task WriteJsonAsync(HttpContext http, string json)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        RequestTracing.FirstByte(http);
        return http.Response.WriteAsync(json, http.RequestAborted);
    }

    /// <summary>Response headers for an event stream, sent now; buffering off.</summary>
    public static async Task StartEventStreamAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        RequestTracing.FirstByte(http);
        await http.Response.StartAsync(http.RequestAborted);
    }

    /// <summary>The message inside a client error envelope (every protocol puts it at <c>error.message</c>).</summary>
    private static string ErrorMessage(string json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json)?["error"]?["message"]?.GetValue<string>() ?? json;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    /// <summary>Logs a stream that failed after its first byte and returns the client-facing message.</summary>
    public string StreamFailed(string protocol, Exception exception)
    {
        LogStreamFailed(protocol, exception.GetType().Name);
        return "The upstream stream failed after it started (" + exception.GetType().Name + ").";
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "{Protocol} stream failed after the first byte: {Failure}")]
    private partial void LogStreamFailed(string protocol, string failure);


}
