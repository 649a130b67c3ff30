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

    /// <summary>A Claude request ending in an assistant turn (2026 addendum §8.5).</summary>
    public const string PrefillUnsupported = "This model does not support assistant message prefill";

    public const string BudgetAboveMax = "`max_tokens` must be greater than `thinking.budget_tokens`";

    public const string BudgetTooSmall = "thinking.budget_tokens: Input should be greater than or equal to 1024";

    public static string PromptTooLongGemini(long tokens, long maximum) =>
        $"The input token count ({tokens}) exceeds the maximum number of tokens allowed ({maximum}).";

    public static string BudgetGemini(long maxOutputTokens, long exclusiveMax) =>
        $"Unable to submit request because it has a maxOutputTokens value of {maxOutputTokens} but the supported range is from 1 (inclusive) to {exclusiveMax} (exclusive).";

    public static string GeminiMissingSignature(string name, int position) =>
        $"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";

    public const string CorruptedSignature = "Corrupted thought signature.";

    /// <summary>
    /// Google's proto-JSON text for a field the parser does not know. At the top level Google leaves out
    /// the <c>at '…'</c> clause, so an empty <paramref name="path"/> gives <c>Unknown name "model": Cannot find field.</c>
    /// </summary>
    public static string UnknownField(string name, string path) => path.Length == 0
        ? $"Invalid JSON payload received. Unknown name \"{name}\": Cannot find field."
        : $"Invalid JSON payload received. Unknown name \"{name}\" at '{path}': Cannot find field.";

    /// <summary>
    /// Google's proto-JSON text for a value of the wrong shape, e.g. a bare string where a Content object
    /// belongs: <c>Invalid value at 'request.system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "Be brief"</c>.
    /// <paramref name="type"/> is a message type URL (<see cref="ProtoTypes"/>) or a scalar kind such as <c>TYPE_STRING</c>.
    /// </summary>
    public static string InvalidValue(string path, string type, string quotedValue) =>
        $"Invalid value at '{path}' ({type}), {quotedValue}";

    /// <summary>Generic text for a required envelope field that is missing.</summary>
    public const string InvalidArgument = "Request contains an invalid argument.";

    public static string ContentsNotSpecified(string requestType = "GenerateContentRequest") =>
        $"* {requestType}.contents: contents is not specified\n";

    /// <param name="protoPath">e.g. <c>GenerateContentRequest.contents[2].parts</c>.</param>
    public static string PartsEmpty(string protoPath) => $"* {protoPath}: contents.parts must not be empty.\n";

    /// <param name="protoPath">e.g. <c>GenerateContentRequest.contents[2].parts[0]</c>.</param>
    public static string PartDataMissing(string protoPath) =>
        $"* {protoPath}.data: required oneof field 'data' must have one initialized field\n";

    /// <param name="protoPath">e.g. <c>GenerateContentRequest.contents[1].parts[0].function_call</c>.</param>
    public static string FunctionNameEmpty(string protoPath) => $"* {protoPath}.name: Name cannot be empty.\n";

    public const string InvalidRole = "Please use a valid role: user, model.";

    public static string InvalidFunctionName(int tool, int declaration) =>
        $"* GenerateContentRequest.tools[{tool}].function_declarations[{declaration}].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n";

    /// <summary>
    /// A schema with <c>enum</c> whose <c>type</c> is not STRING (or missing). Not in the references: Google's
    /// proto-validation text as captured from Antigravity and the Gemini API (decolua/9router#359,
    /// musistudio/llms#20). Properties are named, not indexed, in this form.
    /// </summary>
    /// <param name="protoPath">e.g. <c>GenerateContentRequest.tools[0].function_declarations[1].parameters.properties[mode]</c>.</param>
    public static string EnumOnlyForString(string protoPath) => $"* {protoPath}.enum: only allowed for STRING type\n";

    public const string SearchWithFunctions = "Tool use with function calling is unsupported";

    public const string ThinkingLevelUnsupported = "Thinking level is not supported for this model.";

    /// <summary>Anthropic's text for <c>max_tokens</c> above the model's output limit.</summary>
    public static string MaxTokensClaude(long maxTokens, long maximum, string model) =>
        $"max_tokens: {maxTokens} > {maximum}, which is the maximum allowed number of output tokens for {model}";

    public const string MaxTokensTooSmallClaude = "max_tokens: Input should be greater than or equal to 1";

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
