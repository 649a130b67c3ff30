using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// How a shaping fault (spec §8.4) bends a generated reply: <c>delay {firstByteMs, interChunkMs}</c>,
/// <c>stream {mode, afterEvents?, afterBytes?, stallMs?, error?, count?}</c> or <c>emptyResponse</c>.
/// </summary>
internal sealed record StreamShaping
{
    public static readonly string[] Modes =
        ["empty200", "disconnect", "truncate", "thinkingOnly", "stall", "heartbeats", "errorEvent", "malformedLine", "noUsage"];

    public static readonly StreamShaping None = new();

    /// <summary>One of <see cref="Modes"/>, or null for plain pacing.</summary>
    public string? Mode { get; init; }

    /// <summary>Events written before the mode acts (disconnect, stall, errorEvent, malformedLine, truncate).</summary>
    public int? AfterEvents { get; init; }

    /// <summary>disconnect: body bytes written before the connection is aborted.</summary>
    public long? AfterBytes { get; init; }

    public int StallMs { get; init; }

    /// <summary>errorEvent: the <c>{code, message, status}</c> to send.</summary>
    public JsonObject? Error { get; init; }

    /// <summary>heartbeats: how many comment lines.</summary>
    public int? Count { get; init; }

    /// <summary>Overrides <see cref="SseConfig.FirstByteDelayMs"/>.</summary>
    public int? FirstByteMs { get; init; }

    /// <summary>Overrides <see cref="SseConfig.InterChunkDelayMs"/>.</summary>
    public int? InterChunkMs { get; init; }

    /// <summary>An <c>emptyResponse</c> fault: an empty candidate, or for a stream an empty 200.</summary>
    public bool EmptyResponse { get; init; }

    /// <summary>Fault types that bend a generated reply rather than replace it (<c>body</c>: see <see cref="BodyShaping"/>).</summary>
    public static bool IsShaping(string type) => type is "delay" or "stream" or "emptyResponse" or "body";

    public bool Is(string mode) => string.Equals(Mode, mode, StringComparison.Ordinal);

    public static StreamShaping From(FaultAction? action) => action?.Type switch
    {
        "delay" => new StreamShaping { FirstByteMs = action.Int("firstByteMs"), InterChunkMs = action.Int("interChunkMs") },
        "stream" => new StreamShaping
        {
            Mode = action.String("mode"),
            AfterEvents = action.Int("afterEvents"),
            AfterBytes = action.Int("afterBytes"),
            StallMs = action.Int("stallMs") ?? 0,
            Error = action.Args["error"] as JsonObject,
            Count = action.Int("count"),
        },
        "emptyResponse" => new StreamShaping { Mode = "empty200", EmptyResponse = true },
        _ => None,
    };
}
