using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Turns a turn's events into SSE bytes (spec §4.2), paced on the wall clock and bent by a stream mode
/// (spec §8.4). Framing is written here rather than with <c>SseFormatter</c>, which only ends lines with
/// LF and cannot emit the deliberately broken output the stream modes need: each event is exactly
/// <c>data: &lt;compact JSON&gt;</c> plus a blank line, with no <c>event:</c>, <c>id:</c> or <c>[DONE]</c>.
/// </summary>
internal static class SseStreamer
{
    public const string MalformedData = "{not json";

    private static readonly JsonObject DefaultError = new()
    {
        ["code"] = 500,
        ["message"] = "Internal error encountered.",
        ["status"] = "INTERNAL",
    };

    public static byte[] Frame(string data, string lineEnding) => Encoding.UTF8.GetBytes("data: " + data + lineEnding + lineEnding);

    /// <summary>The steps of a stream: the last event is the final one (finishReason and full usage).</summary>
    public static async IAsyncEnumerable<SseStep> StepsAsync(
        IReadOnlyList<JsonObject> events, StreamSettings settings, TimeProvider wall, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var shaping = settings.Shaping;
        var eol = settings.LineEnding;
        if (shaping.Is("empty200"))
        {
            yield break;
        }

        if (shaping.Is("heartbeats"))
        {
            var count = shaping.Count ?? shaping.AfterEvents ?? 3;
            for (var i = 0; i < count; i++)
            {
                await PaceAsync(i == 0 ? settings.FirstByteDelay : settings.InterChunkDelay, wall, cancellationToken);
                yield return new SseStep(Encoding.UTF8.GetBytes(": heartbeat" + eol));
            }

            yield break;
        }

        // truncate: a clean end before the final event, so no finishReason ever arrives.
        var limit = shaping.Is("truncate") ? Math.Min(shaping.AfterEvents ?? int.MaxValue, events.Count - 1) : events.Count;
        limit = Math.Max(0, limit);
        var after = Math.Clamp(shaping.AfterEvents ?? 1, 0, limit);
        long sent = 0;
        for (var i = 0; ; i++)
        {
            if (i == after)
            {
                switch (shaping.Mode)
                {
                    case "disconnect" when shaping.AfterBytes is null:
                        yield return SseStep.AbortConnection;
                        yield break;
                    case "errorEvent":
                        var error = (shaping.Error?.DeepClone() as JsonObject) ?? new JsonObject();
                        foreach (var (key, value) in DefaultError)
                        {
                            if (!error.ContainsKey(key))
                            {
                                error[key] = value?.DeepClone();
                            }
                        }

                        yield return new SseStep(Frame(new JsonObject { ["error"] = error }.ToJsonString(), eol));
                        yield break;
                    case "malformedLine":
                        yield return new SseStep(Frame(MalformedData, eol));
                        break;
                    case "stall":
                        await PaceAsync(TimeSpan.FromMilliseconds(shaping.StallMs), wall, cancellationToken);
                        break;
                }
            }

            if (i >= limit)
            {
                yield break;
            }

            await PaceAsync(i == 0 ? settings.FirstByteDelay : settings.InterChunkDelay, wall, cancellationToken);
            var frame = Frame(events[i].ToJsonString(), eol);
            if (shaping.Is("disconnect") && shaping.AfterBytes is { } cut && sent + frame.Length >= cut)
            {
                yield return new SseStep(frame.AsMemory(0, (int)Math.Max(0, cut - sent)));
                yield return SseStep.AbortConnection;
                yield break;
            }

            sent += frame.Length;
            yield return new SseStep(frame);
        }
    }

    private static Task PaceAsync(TimeSpan delay, TimeProvider wall, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, wall, cancellationToken) : Task.CompletedTask;
}
