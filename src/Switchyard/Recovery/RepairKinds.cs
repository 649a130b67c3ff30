namespace Switchyard.Recovery;

/// <summary>The <see cref="RequestLog.RepairRecord.Kind"/> values, also the tokens of the <c>X-Switchyard-Repairs</c> header.</summary>
internal static class RepairKinds
{
    /// <summary>A tool call had no result; a synthetic "interrupted" result was added.</summary>
    public const string MissingToolResult = "missing-tool-result";

    /// <summary>A tool result had no call; it was turned into text.</summary>
    public const string OrphanToolResult = "orphan-tool-result";

    /// <summary>A signature that cannot be valid was removed or replaced (with the thinking it signed, if any).</summary>
    public const string InvalidSignature = "invalid-signature";

    /// <summary>Thinking was moved to the front of the final assistant turn, or thinking was turned off for the request.</summary>
    public const string ThinkingOrder = "thinking-order";

    /// <summary>Thinking was removed from the history (after a signature or thinking-disabled rejection).</summary>
    public const string ThinkingStripped = "thinking-stripped";

    /// <summary>The signed thinking remembered for a tool-call turn was put back first in it.</summary>
    public const string ThinkingRestored = "thinking-restored";

    /// <summary>A thinking block sent as several thought parts was joined into one part (its signature covers the whole text).</summary>
    public const string ThinkingJoined = "thinking-joined";

    /// <summary>Tool calls and their results were sent as text (no usable thinking for their turn, or the upstream refused the pairing).</summary>
    public const string ToolCallAsText = "tool-call-as-text";

    /// <summary>Tool results were moved before the other parts (text, images) of the user turn that answers the calls.</summary>
    public const string ToolResultsFirst = "tool-results-first";

    /// <summary>A final assistant message (prefill) the upstream does not accept was removed.</summary>
    public const string AssistantPrefill = "assistant-prefill";

    /// <summary>An upstream stream ended before its first content event and was sent again.</summary>
    public const string EmptyStream = "empty-stream";

    /// <summary>A non-streaming reply came back empty or cut short and was sent again.</summary>
    public const string EmptyReply = "empty-reply";

    /// <summary>An upstream stream broke after the client got its first byte; the client got the protocol's error event.</summary>
    public const string CutStream = "cut-stream";
}
