using System.Runtime.CompilerServices;
using Switchyard.Protocols.Shared;
using Switchyard.RequestLog;
using Switchyard.Recovery;
using Switchyard.Upstream.Wire;

namespace Switchyard.Dispatch;

internal sealed partial class SessionRecovery
{
    /// <summary>
    /// Sends a generateContent request with <paramref name="send"/> and reads the whole reply before the client sees a
    /// byte. A reply with nothing in it (an empty body, no candidates, no parts, only empty text) or one cut short (a
    /// body that does not parse, a connection closed early) is sent again, at most
    /// <see cref="RecoveryOptions.MaxEmptyStreamRetries"/> times, like an empty stream; after that the failure is a 502
    /// with the reason, never a 200 with empty content. The served attempt holds the reply, its tool names as the
    /// client named them (<see cref="UpstreamAttempt.ReadEnvelopeAsync"/> returns it).
    /// </summary>
    public async Task<DispatchResult> ReadReplyAsync(HttpContext http, string protocol, Func<Task<DispatchResult>> send)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(send);
        var retries = options.CurrentValue.MaxEmptyStreamRetries;
        for (var number = 1; ; number++)
        {
            var result = await send();
            if (result.Attempt is not { } attempt)
            {
                return result;
            }

            var reply = await attempt.ReadEnvelopeAsync(http.RequestAborted);
            var reason = reply is null ? "The upstream reply was cut short or is not a generateContent response."
                : HasContent(reply) ? null
                : "The upstream reply has no content.";
            if (reason is null)
            {
                State(http).ToolNames?.Restore(reply!.Response);
                attempt.Reply = reply;
                return result;
            }

            attempt.Dispose();
            LogEmptyReply(protocol, number, reason);
            if (number > retries)
            {
                return DispatchResult.Failed(DispatchFailure.Own(502, $"{reason} It was sent {number} time(s); try again."));
            }

            Record(http, [new RepairRecord(RepairKinds.EmptyReply, $"send {number}: {reason} Sent again.")]);
        }
    }

    /// <summary>
    /// The envelope builder for a countTokens call: <paramref name="translate"/> with tool names made valid (no reply
    /// names to map back).
    /// </summary>
    public static Func<TranslationContext, UpstreamEnvelope> WithValidToolNames(Func<TranslationContext, UpstreamEnvelope> translate)
    {
        ArgumentNullException.ThrowIfNull(translate);
        return ctx => ToolNames.Apply(translate(ctx)).Envelope;
    }

    /// <summary>
    /// A reply with something for the client: a part with text, a call, data or code, or a finish other than STOP
    /// (a refusal or a limit is an answer, even without parts), or a blocked prompt.
    /// </summary>
    public static bool HasContent(UpstreamResponseEnvelope reply)
    {
        var response = reply.Response;
        if (response is null)
        {
            return false;
        }

        if (response.PromptFeedback is not null && response.Candidates is not { Count: > 0 })
        {
            return true;
        }

        return response.Candidates?.Exists(c =>
            c.FinishReason is { } finish && finish != "STOP" && finish != "FINISH_REASON_UNSPECIFIED"
            || (c.Content?.Parts?.Exists(p => !string.IsNullOrEmpty(p.Text) || p.FunctionCall is not null || p.InlineData is not null
                || p.FileData is not null || p.ExecutableCode is not null || p.CodeExecutionResult is not null) ?? false)) == true;
    }

    /// <summary>The events with their function calls named as the client named its tools.</summary>
    private static async IAsyncEnumerable<UpstreamResponseEnvelope> RestoreNames(
        HttpContext http, IAsyncEnumerable<UpstreamResponseEnvelope> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var names = State(http).ToolNames;
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            names?.Restore(item.Response);
            yield return item;
        }
    }

    [LoggerMessage(EventId = 3604, Level = LogLevel.Warning, Message = "{Protocol} reply send {Number} had no content: {Reason}")]
    private partial void LogEmptyReply(string protocol, int number, string reason);
}
