using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

internal static partial class OpenAITranslator
{
    /// <summary>
    /// The upstream's whole reply as a <c>chat.completion</c>. <paramref name="created"/> is the caller's clock
    /// reading; the model is the name the client asked for (<see cref="Models.ModelRoute.RequestedModel"/>).
    /// </summary>
    public static ChatCompletion FromUpstream(UpstreamResponseEnvelope response, TranslationContext ctx, DateTimeOffset created) =>
        FromUpstream([response.Response], ctx, created);

    /// <summary>Several upstream replies as one completion, in order (the rounds of a reply with the gateway's own web search).</summary>
    public static ChatCompletion FromUpstream(IReadOnlyList<GenerateContentResponse?> responses, TranslationContext ctx, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var state = new OpenAITurnState(ctx);
        foreach (var response in responses)
        {
            state.Consume(response);
        }

        var text = state.Text;
        var calls = state.ToolCalls.Select(c => c with { Index = null }).ToList();
        return new ChatCompletion
        {
            Id = NewCompletionId(),
            Created = created.ToUnixTimeSeconds(),
            Model = ctx.Route.RequestedModel,
            Choices =
            [
                new ChatChoice
                {
                    Index = 0,
                    Message = new ChatResponseMessage
                    {
                        Content = text.Length == 0 && calls.Count > 0 ? null : text,
                        ReasoningContent = state.Reasoning is { Length: > 0 } r ? r : null,
                        ToolCalls = calls.Count > 0 ? calls : null,
                        Annotations = state.Annotations(),
                    },
                    FinishReason = state.FinishReason,
                },
            ],
            Usage = state.OpenAIUsage,
        };
    }

    /// <summary>The JSON body for a non-streamed reply.</summary>
    public static string ToJson(ChatCompletion completion) => OpenAIJsonContext.Write(completion);

    /// <summary>Function call arguments as the JSON text OpenAI clients parse (<c>{}</c> when absent).</summary>
    internal static string Serialize(JsonNode? node) => node?.ToJsonString(ArgumentsOptions) ?? "{}";

    private static readonly JsonSerializerOptions ArgumentsOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>chatcmpl-</c> and 24 random hex digits.</summary>
    internal static string NewCompletionId() => "chatcmpl-" + RandomHex();

    /// <summary><c>call_</c> and 24 random hex digits, for upstream calls without an id (Gemini).</summary>
    internal static string NewToolCallId() => "call_" + RandomHex();

    private static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
