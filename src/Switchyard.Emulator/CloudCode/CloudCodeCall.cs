using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.CloudCode;

/// <summary>One <c>v1internal</c> call as it moves through the evaluation order (spec §8.2).</summary>
internal sealed class CloudCodeCall
{
    public required HttpContext Http { get; init; }
    public required EmulatorState State { get; init; }

    /// <summary>Config as it was when the call arrived.</summary>
    public required EmulatorConfig Config { get; init; }

    /// <summary>daily-sandbox, daily, autopush or prod.</summary>
    public required string Label { get; init; }

    /// <summary>generateContent, streamGenerateContent, countTokens, loadCodeAssist…</summary>
    public required string Rpc { get; init; }

    public bool Streaming => Rpc == "streamGenerateContent";

    public required JsonObject Body { get; init; }

    /// <summary>antigravity or gemini-cli (spec §2.3).</summary>
    public required string Pool { get; init; }

    /// <summary>The envelope's <c>model</c>, when the call has one.</summary>
    public string? ModelId { get; set; }

    public ModelInfo? Model { get; set; }
    public EmulatedAccount? Account { get; set; }
    public AccessTokenRecord? Token { get; set; }

    /// <summary>Journal entry under construction; added when the reply is written.</summary>
    public required JournalEntry Entry { get; init; }

    /// <summary>A fault rule that shapes the reply rather than replacing it (stream modes, delays).</summary>
    public FaultAction? ShapingFault { get; set; }

    /// <summary>The request opted in to Google One AI credits (<c>enabledCreditTypes</c>, 2026 §3).</summary>
    public bool CreditsRequested { get; set; }

    /// <summary>The family's free bucket was empty and the call is served on credits.</summary>
    public bool ServedOnCredits { get; set; }

    public long CreditsConsumed { get; set; }
    public long CreditsRemaining { get; set; }

    public DateTimeOffset Now => State.Clock.GetUtcNow();
}
