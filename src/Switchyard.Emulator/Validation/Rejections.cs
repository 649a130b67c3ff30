using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// The 400 texts clients pattern-match (spec §5.5), exactly. Claude errors are double-wrapped: the Google
/// envelope's message is the JSON text of an Anthropic error. Used by validation and by badRequest faults.
/// </summary>
internal static class Rejections
{
    public static string ThinkingOrder(int message, string found = "text") =>
        $"messages.{message}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`.";

    public static string InvalidSignature(int message, int block = 0) =>
        $"messages.{message}.content.{block}: Invalid `signature` in `thinking` block";

    public static string SignatureRequired(int message, int block = 0) =>
        $"messages.{message}.content.{block}.thinking.signature: Field required";

    public static string ThinkingRequired(int message, int block = 0) =>
        $"messages.{message}.content.{block}.thinking.thinking: Field required";

    public static string ExtraInputs(int message, int block = 0, string field = "cache_control") =>
        $"messages.{message}.content.{block}.thinking.{field}: Extra inputs are not permitted";

    public static string ToolResultMissing(int message, IEnumerable<string> ids) =>
        $"messages.{message}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", ids)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.";

    public static string UnexpectedToolResult(int message, int block, string id) =>
        $"messages.{message}.content.{block}: unexpected `tool_use_id` found in `tool_result` blocks: {id}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";

    public static string PromptTooLong(long tokens, long maximum, bool capitalized = false) =>
        $"{(capitalized ? "Prompt" : "prompt")} is too long: {tokens} tokens > {maximum} maximum";

    public const string ThinkingDisabled =
        "When `thinking` is disabled, an `assistant` message in the final position cannot contain `thinking` blocks";

    public const string BudgetAboveMax = "`max_tokens` must be greater than `thinking.budget_tokens`";

    public const string BudgetTooSmall = "thinking.budget_tokens: Input should be greater than or equal to 1024";

    public static string PromptTooLongGemini(long tokens, long maximum) =>
        $"The input token count ({tokens}) exceeds the maximum number of tokens allowed ({maximum}).";

    public static string BudgetGemini(long maxOutputTokens, long exclusiveMax) =>
        $"Unable to submit request because it has a maxOutputTokens value of {maxOutputTokens} but the supported range is from 1 (inclusive) to {exclusiveMax} (exclusive).";

    public static string GeminiMissingSignature(string name, int position) =>
        $"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";

    public const string CorruptedSignature = "Corrupted thought signature.";

    /// <summary>A Claude rejection: 400 INVALID_ARGUMENT whose message is the JSON text of an Anthropic error.</summary>
    public static JsonReply Claude(string anthropicMessage)
    {
        var inner = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = anthropicMessage },
            ["request_id"] = "req_vrtx_" + Ids.Base62(24),
        };
        return GoogleErrors.InvalidArgument(inner.ToJsonString());
    }

    /// <summary>A plain Google rejection (Gemini models and envelope errors).</summary>
    public static JsonReply Google(string message) => GoogleErrors.InvalidArgument(message);
}
