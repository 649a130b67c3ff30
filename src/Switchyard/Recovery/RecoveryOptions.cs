using Switchyard.Foundation;
using System.ComponentModel.DataAnnotations;

namespace Switchyard.Recovery;

/// <summary>
/// Conversation repair and stream recovery. Section <c>Recovery</c>. With <see cref="SessionRecovery"/> on, the
/// gateway fixes what the upstream would reject before sending (tool calls without results, results without
/// calls, thinking it cannot accept) and, after a known 400, repairs the conversation and retries once before any
/// byte reaches the client. Every repair is recorded with the request and announced in <c>X-Switchyard-Repairs</c>.
/// </summary>
internal sealed class RecoveryOptions : IGatewayOptions<RecoveryOptions>
{
    public const string Section = "Recovery";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, RecoveryOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>Repair conversations before sending and after a known rejection (issue 6). Default on.</summary>
    public bool SessionRecovery { get; set; } = true;

    /// <summary>
    /// Models that do not think (a Claude model without <c>-thinking</c>): send earlier turns' thinking (with real-looking
    /// signatures) as the client gave it, instead of dropping it (the default: such a model does not need it). A
    /// thinking model always gets its signed history thinking (a strict upstream wants it on every tool-call turn).
    /// Passed to the translators as <c>TranslationContext.KeepThinking</c>.
    /// </summary>
    public bool KeepThinking { get; set; }

    /// <summary>The result sent for a tool call whose result the conversation lost (an interrupted tool run).</summary>
    [Required]
    public string InterruptedToolResultText { get; set; } = "The tool run was interrupted before it returned a result.";

    /// <summary>The heading of a tool result whose call is no longer in the conversation; the result follows as text.</summary>
    [Required]
    public string OrphanToolResultText { get; set; } = "Result of an earlier tool call that is no longer in the conversation:";

    /// <summary>
    /// How often an upstream stream that ends before its first content event, or a non-streaming reply that is empty or
    /// cut short, is sent again (before the client sees a byte).
    /// </summary>
    [Range(0, 10)]
    public int MaxEmptyStreamRetries { get; set; } = 2;
}
