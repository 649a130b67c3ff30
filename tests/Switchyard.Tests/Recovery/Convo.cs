using System.Text.Json.Nodes;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Recovery;

/// <summary>Builders for upstream conversations in repair tests.</summary>
internal static class Convo
{
    /// <summary>A signature as long as a real one (the gateway cannot verify it, only judge its shape).</summary>
    public static readonly string Sig = "/w" + new string('A', 84);

    public static readonly string OtherSig = "/w" + new string('B', 84);

    public static Content User(params Part[] parts) => new() { Role = "user", Parts = [.. parts] };

    public static Content Model(params Part[] parts) => new() { Role = "model", Parts = [.. parts] };

    public static Part Text(string text) => new() { Text = text };

    public static Part Thought(string text, string? signature = null) => new() { Thought = true, Text = text, ThoughtSignature = signature };

    public static Part Call(string id, string name = "read_file", string? signature = null) =>
        new() { FunctionCall = new FunctionCall { Name = name, Id = id, Args = new JsonObject { ["path"] = "a.txt" } }, ThoughtSignature = signature };

    public static Part Result(string id, string name = "read_file", string output = "contents") =>
        new() { FunctionResponse = new FunctionResponse { Name = name, Id = id, Response = new JsonObject { ["output"] = output } } };

    public static UpstreamEnvelope Envelope(string model, bool thinking, params Content[] contents) => new()
    {
        Project = "p",
        Model = model,
        Request = new UpstreamRequest
        {
            Contents = [.. contents],
            GenerationConfig = new GenerationConfig
            {
                MaxOutputTokens = 64000,
                ThinkingConfig = thinking ? new ThinkingConfig { IncludeThoughts = true, ThinkingBudget = 16000 } : null,
            },
        },
    };

    public static UpstreamEnvelope Claude(bool thinking, params Content[] contents) => Envelope("claude-opus-4-6-thinking", thinking, contents);

    /// <summary>A Claude 400 as the upstream sends it: a Google envelope whose message is an Anthropic error's JSON text.</summary>
    public static string ClaudeRejection(string message)
    {
        var inner = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = message },
            ["request_id"] = "req_vrtx_0123456789abcdefghij",
        };
        return GoogleRejection(inner.ToJsonString());
    }

    public static string GoogleRejection(string message) =>
        new JsonObject { ["error"] = new JsonObject { ["code"] = 400, ["message"] = message, ["status"] = "INVALID_ARGUMENT" } }.ToJsonString();

    /// <summary>The upstream's rejection texts (upstream-protocol §5.5), as the emulator sends them.</summary>
    public static class Texts
    {
        public static string ThinkingOrder(int message, string found = "text") =>
            $"messages.{message}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{found}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`.";

        public static string InvalidSignature(int message, int block = 0) => $"messages.{message}.content.{block}: Invalid `signature` in `thinking` block";

        public static string SignatureRequired(int message, int block = 0) => $"messages.{message}.content.{block}.thinking.signature: Field required";

        public static string ExtraInputs(int message, int block = 0) => $"messages.{message}.content.{block}.thinking.cache_control: Extra inputs are not permitted";

        public static string ToolResultMissing(int message, params string[] ids) =>
            $"messages.{message}: `tool_use` ids were found without `tool_result` blocks immediately after: {string.Join(", ", ids)}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.";

        public static string UnexpectedToolResult(int message, int block, string id) =>
            $"messages.{message}.content.{block}: unexpected `tool_use_id` found in `tool_result` blocks: {id}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.";

        public const string ThinkingDisabled = "When `thinking` is disabled, an `assistant` message in the final position cannot contain `thinking` blocks";

        public const string PromptTooLong = "prompt is too long: 215000 tokens > 200000 maximum";

        public const string PromptTooLongGemini = "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).";

        public static string GeminiMissingSignature(string name, int position) =>
            $"Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:{name}` , position {position}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";

        public const string CorruptedSignature = "Corrupted thought signature.";

        public const string UnknownField = "Invalid JSON payload received. Unknown name \"foo\" at 'request': Cannot find field.";

        public const string BudgetAboveMax = "`max_tokens` must be greater than `thinking.budget_tokens`";
    }
}
