using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.Accounts;
using Switchyard.Hosting;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.RateLimits;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

/// <summary>
/// The steps every front door shares: read the body within the limit, resolve the model, pick an account, send
/// the translated request (one token refresh on 401), and answer upstream failures in the protocol's envelope.
/// </summary>
internal sealed partial class FrontDoor(
    IOptions<ServerOptions> server,
    ModelResolver models,
    IAccountPicker picker,
    TokenManager tokens,
    GenerateClient upstream,
    ThinkingMemory thinking,
    SessionRecovery recovery,
    TimeProvider time,
    ILogger<FrontDoor> logger)
{
    public const string MappedModelHeader = "X-Mapped-Model";
    public const string AccountEmailHeader = "X-Account-Email";

    public TimeProvider Time => time;

    /// <summary>The body, or null after an error (415, 413, 400) has been written.</summary>
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

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await WriteErrorAsync(http, errors.Create(413, $"The request body is larger than {limit} bytes."));
                    return null;
                }

                await buffer.WriteAsync(chunk.AsMemory(0, read), http.RequestAborted);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorAsync(http, errors.Create(413, $"The request body is larger than {limit} bytes."));
            return null;
        }

        if (buffer.Length == 0)
        {
            await WriteErrorAsync(http, errors.Create(400, "The request body is empty; send a JSON object."));
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>The route for <paramref name="model"/>, or null after a 404 has been written.</summary>
    public async Task<ModelRoute?> ResolveAsync(HttpContext http, IProtocolErrors errors, string model)
    {
        var resolution = models.Resolve(model);
        if (!resolution.Found)
        {
            await WriteErrorAsync(http, errors.Create(404, resolution.Error));
            return null;
        }

        return resolution.Route;
    }

    /// <summary>
    /// Picks an account, builds the upstream body for it with <paramref name="build"/>, and sends it. Returns the
    /// successful attempt, or null after the error has been written (no account, upstream failure); with
    /// <paramref name="quiet"/> nothing is written on failure.
    /// </summary>
    public async Task<UpstreamAttempt?> SendAsync(HttpContext http, IProtocolErrors errors, string method, ModelRoute route, Func<TranslationContext, byte[]> build, bool quiet = false)
    {
        var cancellationToken = http.RequestAborted;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var picked = await picker.PickAsync(tried, cancellationToken);
            if (picked is null)
            {
                if (!quiet)
                {
                    await WriteErrorAsync(http, errors.Create(503, "No enabled account with a usable token is available."));
                }

                return null;
            }

            tried.Add(picked.Account.Id);
            http.Response.Headers[MappedModelHeader] = route.UpstreamModel;
            http.Response.Headers[AccountEmailHeader] = picked.Account.Email;
            var ctx = new TranslationContext(route, picked.Account.ProjectId ?? "", "agent-" + Guid.NewGuid().ToString("D"), thinking);
            var body = build(ctx);
            var call = await upstream.SendAsync(method, body, picked.AccessToken, cancellationToken);
            if (call.Status == StatusCodes.Status401Unauthorized)
            {
                // The token was refused: refresh once and retry; an account whose token cannot be renewed is skipped.
                LogUnauthorized(picked.Account.Id, method);
                call.Dispose();
                tokens.Invalidate(picked.Account.Id, picked.AccessToken);
                var fresh = await tokens.GetAccessTokenAsync(picked.Account.Id, cancellationToken);
                if (fresh.Token is null)
                {
                    continue;
                }

                picked = picked with { AccessToken = fresh.Token.Value };
                call = await upstream.SendAsync(method, body, picked.AccessToken, cancellationToken);
            }

            // Recovery (issue 6): a known 400 is repaired and sent once more, same account, before any byte is written.
            if (call.Status == StatusCodes.Status400BadRequest && recovery.RepairRejection(http, call.Status, call.ErrorBody) is { } repaired)
            {
                call.Dispose();
                call = await upstream.SendAsync(method, repaired, picked.AccessToken, cancellationToken);
            }

            return await FinishAsync(http, errors, method, route, picked, ctx, call, quiet);
        }
    }

    private async Task<UpstreamAttempt?> FinishAsync(HttpContext http, IProtocolErrors errors, string method, ModelRoute route, PickedAccount picked, TranslationContext ctx, GenerateCall call, bool quiet)
    {
        if (call.IsSuccess)
        {
            return new UpstreamAttempt(call, ctx, picked);
        }

        LogUpstreamFailed(picked.Account.Id, method, route.UpstreamModel, call.Status, call.HostLabel);
        if (quiet)
        {
            return null;
        }

        var error = call.Status == 0 ? errors.Create(502, call.ErrorBody ?? "No Cloud Code host answered.") : errors.FromUpstream(call.Status, call.ErrorBody);
        if (call.Status == StatusCodes.Status429TooManyRequests
            && UpstreamErrorClassifier.Classify(call.Status, call.Headers, call.ErrorBody, time.GetUtcNow()).RetryDelay is { } delay)
        {
            http.Response.Headers.RetryAfter = RetryAfterHeader.Format(delay);
        }

        await WriteErrorAsync(http, error);
        return null;
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

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Upstream {Method} rejected the token of account {AccountId}; refreshing once")]
    private partial void LogUnauthorized(string accountId, string method);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Upstream {Method} for account {AccountId}, model {Model} failed with {UpstreamStatus} on {Host}")]
    private partial void LogUpstreamFailed(string accountId, string method, string model, int upstreamStatus, string host);
}
