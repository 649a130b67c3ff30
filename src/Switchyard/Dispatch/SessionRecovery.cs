using Microsoft.Extensions.Options;
using Switchyard.Models;
using Switchyard.Protocols.Shared;
using Switchyard.Recovery;
using Switchyard.RequestLog;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

/// <summary>
/// The front doors' hooks into conversation repair and stream recovery (issue 6), per request:
/// <see cref="Build"/> wraps a translator so every upstream body is repaired before it is sent (and remembered),
/// <see cref="RepairRejection"/> gives the body for the one retry after a known 400, <see cref="OpenStreamAsync"/>
/// sends streams again that end before their first content event. Every repair goes into the request's
/// <see cref="RequestTrace"/> and the <c>X-Switchyard-Repairs</c> response header (set when the response starts).
/// </summary>
internal sealed partial class SessionRecovery(IOptionsMonitor<RecoveryOptions> options, ThinkingMemory memory, ILogger<SessionRecovery> logger)
{
    private const string StateKey = "switchyard.recovery";

    public RecoveryOptions Options => options.CurrentValue;

    /// <summary>
    /// The envelope builder for <see cref="UpstreamDispatcher.SendAsync"/>: translates with the configured
    /// <see cref="RecoveryOptions.KeepThinking"/>, repairs the envelope (when SessionRecovery is on) and remembers it
    /// for <see cref="RepairRejection"/>.
    /// </summary>
    public Func<TranslationContext, UpstreamEnvelope> Build(HttpContext http, ModelRoute route, Func<TranslationContext, UpstreamEnvelope> translate)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(translate);
        return ctx =>
        {
            var state = State(http);
            if (state.Retried && state.Sent is { } repaired)
            {
                // Sent again after its repaired retry (another account, an empty reply): the repaired conversation goes.
                return state.Sent = repaired with { Project = ctx.Project, RequestId = ctx.RequestId };
            }

            var current = options.CurrentValue;
            var envelope = translate(current.KeepThinking == ctx.KeepThinking ? ctx : ctx with { KeepThinking = current.KeepThinking });
            state.Route = route;
            if (current.SessionRecovery)
            {
                var repairs = new List<RepairRecord>();
                envelope = ConversationRepair.BeforeSend(envelope, route.Family == ModelFamily.Claude, current, repairs, SignsCalls(route), memory, ThinksById(route));
                Record(http, repairs);
            }

            // Always, repair or not: output tokens within the model's limit (the route's, which the model catalogue
            // fills), and tool names the upstream accepts (replies map them back).
            envelope = OutputLimit.Clamp(envelope, route.MaxOutputTokens);
            (envelope, state.ToolNames) = ToolNames.Apply(envelope);
            state.Sent = envelope;
            return envelope;
        };
    }

    /// <summary>
    /// After an upstream 400 for an envelope made by <see cref="Build"/>: the repaired envelope to send once more
    /// (same account), or null when recovery is off, the request already had its repaired retry (one per request,
    /// whatever else is sent again: a request costs at most two upstream 400s), or the rejection is not repairable.
    /// </summary>
    public UpstreamEnvelope? RepairRejection(HttpContext http, int status, string? errorBody)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = options.CurrentValue;
        if (!current.SessionRecovery || status != StatusCodes.Status400BadRequest
            || http.Items[StateKey] is not RecoveryState { Sent: { } sent, Route: { } route, Retried: false } state)
        {
            return null;
        }

        var repairs = new List<RepairRecord>();
        if (ConversationRepair.AfterRejection(sent, status, errorBody, route.Family == ModelFamily.Claude, current, repairs, memory, ThinksById(route)) is not { } repaired)
        {
            return null;
        }

        state.Retried = true;
        state.Sent = repaired;
        Record(http, repairs);
        LogRepairedRejection(repairs.Count);
        return repaired;
    }

    /// <summary>
    /// Sends a stream request with <paramref name="send"/> and reads it up to its first content event. A stream that
    /// ends, breaks or reports an error before any content is sent again, at most
    /// <see cref="RecoveryOptions.MaxEmptyStreamRetries"/> times; after that the failure is the error event's own
    /// status and body, or 502, never an empty success.
    /// </summary>
    public async Task<StreamOpening> OpenStreamAsync(HttpContext http, string protocol, Func<Task<DispatchResult>> send)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(send);
        var retries = options.CurrentValue.MaxEmptyStreamRetries;
        for (var number = 1; ; number++)
        {
            var result = await send();
            if (result.Attempt is not { } attempt)
            {
                return StreamOpening.Failed(result.Failure!);
            }

            StreamPeek peek;
            try
            {
                var body = await attempt.Response.Content.ReadAsStreamAsync(http.RequestAborted);
                peek = await StreamProbe.PeekAsync(body, http.RequestAborted);
            }
            catch
            {
                attempt.Dispose();
                throw;
            }

            if (peek.HasContent)
            {
                return StreamOpening.Opened(new OpenedStream(attempt, attempt.Observe(RestoreNames(http, peek.Events!))));
            }

            attempt.Dispose();
            LogEmptyStream(protocol, number, peek.Reason);
            if (number > retries)
            {
                return StreamOpening.Failed(peek.ErrorBody is not null
                    ? DispatchFailure.FromUpstream(peek.Status, peek.ErrorBody)
                    : DispatchFailure.Own(502, peek.Reason));
            }

            Record(http, [new RepairRecord(RepairKinds.EmptyStream, $"send {number}: {peek.Reason} Sent again.")]);
        }
    }

    /// <summary>A Claude <c>-thinking</c> model: it thinks whatever thinkingConfig says, so the thinking rules always apply.</summary>
    public static bool ThinksById(ModelRoute route) => route.Family == ModelFamily.Claude && route.Thinking;

    /// <summary>
    /// A Gemini model whose function calls need a signature: Gemini 3, and Gemini 2.5 thinking models (Google calls
    /// theirs optional; a strict upstream does not, and the sentinel costs nothing where it is not needed).
    /// </summary>
    public static bool SignsCalls(ModelRoute route) => route.Family == ModelFamily.Gemini && (route.Gemini3 || route.Thinking);

    /// <summary>Adds repairs to the request's trace and makes sure the response announces them.</summary>
    public static void Record(HttpContext http, IReadOnlyCollection<RepairRecord> repairs)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (repairs.Count == 0)
        {
            return;
        }

        var state = State(http);
        var fresh = repairs.Where(r => !state.Repairs.Contains(r)).ToList();
        state.Repairs.AddRange(fresh);
        if (RequestTrace.Of(http) is { } trace)
        {
            trace.Repairs.AddRange(fresh);
        }

        if (http.Response.HasStarted)
        {
            return;
        }

        // Set now (the response may start at any point) and refreshed once more when it starts.
        SetHeader(http, state);
        if (!state.Announcing)
        {
            state.Announcing = true;
            http.Response.OnStarting(() =>
            {
                SetHeader(http, state);
                return Task.CompletedTask;
            });
        }
    }

    /// <summary>The status for the error event of a stream that broke: an error event's own, else 502.</summary>
    public static int StatusOf(Exception exception) => exception is UpstreamStreamException stream ? stream.Status : StatusCodes.Status502BadGateway;

    /// <summary>
    /// Records a stream that broke after the client's first byte (trace error and a cut-stream record), logs it, and
    /// returns the message for the protocol's error event.
    /// </summary>
    public string StreamCut(HttpContext http, string protocol, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(exception);
        var reason = exception is UpstreamStreamException ? exception.Message : $"The upstream stream failed after it started ({exception.GetType().Name}).";
        if (RequestTrace.Of(http) is { } trace)
        {
            trace.Error ??= reason;
            trace.Repairs.Add(new RepairRecord(RepairKinds.CutStream, reason));
        }

        LogStreamCut(protocol, reason);
        return reason;
    }

    private static void SetHeader(HttpContext http, RecoveryState state) =>
        http.Response.Headers[DispatchHeaders.Repairs] = string.Join(",", state.Repairs.Select(r => r.Kind).Distinct(StringComparer.Ordinal));

    private static RecoveryState State(HttpContext http)
    {
        if (http.Items[StateKey] is RecoveryState state)
        {
            return state;
        }

        state = new RecoveryState();
        http.Items[StateKey] = state;
        return state;
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Information, Message = "Upstream rejected the conversation; {Count} repair(s) made, sending once more")]
    private partial void LogRepairedRejection(int count);

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "{Protocol} stream send {Number} had no content: {Reason}")]
    private partial void LogEmptyStream(string protocol, int number, string reason);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Warning, Message = "{Protocol} stream cut after the first byte: {Reason}")]
    private partial void LogStreamCut(string protocol, string reason);

    /// <summary>Per-request recovery state, in <see cref="HttpContext.Items"/>.</summary>
    private sealed class RecoveryState
    {
        public UpstreamEnvelope? Sent { get; set; }

        public ModelRoute? Route { get; set; }

        public bool Retried { get; set; }

        public ToolNameMap? ToolNames { get; set; }

        public bool Announcing { get; set; }

        public List<RepairRecord> Repairs { get; } = [];
    }
}
