namespace Switchyard.Recovery;

/// <summary>What an upstream 400 says is wrong with the conversation (upstream-protocol §5.5).</summary>
internal enum RejectionKind
{
    /// <summary>Not a conversation problem the gateway can repair (schema, budget, unknown field…).</summary>
    Other,

    /// <summary>The prompt is over the model's context window; the client must shorten it (never repaired).</summary>
    PromptTooLong,

    /// <summary><c>tool_use</c> ids without <c>tool_result</c> blocks right after.</summary>
    ToolResultMissing,

    /// <summary>A <c>tool_result</c> whose <c>tool_use</c> is not in the previous message.</summary>
    UnexpectedToolResult,

    /// <summary>The final assistant message must start with a thinking block.</summary>
    ThinkingOrder,

    /// <summary>A thinking block's signature is invalid or missing, or the block has fields it may not have.</summary>
    InvalidThinking,

    /// <summary>Thinking is off but the final assistant message has thinking.</summary>
    ThinkingDisabled,

    /// <summary>The contents end in an assistant message, which the model does not accept (prefill).</summary>
    AssistantPrefill,

    /// <summary>Gemini 3: a function call lacks its thought signature.</summary>
    GeminiSignatureMissing,

    /// <summary>Gemini: a thought signature does not verify.</summary>
    CorruptedSignature,
}
