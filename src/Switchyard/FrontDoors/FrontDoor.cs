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
    IOptionsMonitor<BackgroundOptions> background,
    TimeProvider time,
    ILogger<FrontDoor> logger)
{
    public TimeProvider Time => time;

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
    /// The route for background work (<see cref="BackgroundOptions"/>): <c>Background:Model</c> when the request is marked
    /// or shaped as background work, else <paramref name="route"/>. The trace keeps why; the dispatcher's
    /// <c>X-Mapped-Model</c> names the model sent.
    /// </summary>
    public ModelRoute Background(HttpContext http, ModelRoute route, string model, BackgroundSignals signals)
    {
        var options = background.CurrentValue;
        if (route.ImageGeneration || BackgroundWork.Classify(http, model, signals, options) is not { } reason
            || models.Resolve(options.Model).Route is not { } cheaper)
        {
            return route;
        }

        if (RequestTrace.Of(http) is { } trace)
        {
            trace.Background = reason;
            trace.MappedModel = cheaper.UpstreamModel;
        }

        LogBackground(model, cheaper.UpstreamModel, reason);
        return cheaper with { Background = true };
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

    [LoggerMessage(EventId = 4170, Level = LogLevel.Information, Message = "Background work: {Requested} sent as {Model} ({Reason})")]
    private partial void LogBackground(string requested, string model, string reason);
}
