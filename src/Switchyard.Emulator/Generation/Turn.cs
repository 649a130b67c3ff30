using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// A model turn laid out as parts for one family (spec §4.2). Each part is one stream event; a
/// non-streaming turn is built with an unlimited chunk size, so each kind of content is one part.
/// </summary>
internal sealed record Turn(List<JsonObject> Parts, string FinishReason, JsonObject Usage)
{
    public int PromptTokens => Usage["promptTokenCount"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    /// <param name="forceThoughts">Emit thought parts whatever the model (the thinkingOnly stream mode).</param>
    public static Turn Build(
        ReplyPlan plan, ModelStyle style, int promptTokens, int chunkChars, Signatures signatures, string claudeToolFinishReason, bool forceThoughts = false)
    {
        var parts = new List<JsonObject>();
        var thinking = "";
        var text = "";
        var images = 0;
        var calls = new List<JsonObject>();
        if (!plan.Empty)
        {
            var emitsThoughts = forceThoughts || style.ClaudeThinking || style.GeminiThoughts;
            thinking = emitsThoughts ? plan.Thinking ?? CannedContent.Thinking(CannedContent.DefaultThinkingWords) : "";
            text = plan.Text ?? "";
            foreach (var piece in Chunk(thinking, chunkChars))
            {
                parts.Add(new JsonObject { ["thought"] = true, ["text"] = piece });
            }

            if (style.Claude && thinking.Length > 0)
            {
                parts[^1]["thoughtSignature"] = signatures.Sign(Signatures.Claude, thinking);
            }

            foreach (var piece in Chunk(text, chunkChars))
            {
                parts.Add(new JsonObject { ["text"] = piece });
            }

            if (plan.Image || style.Image)
            {
                images = 1;
                parts.Add(new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "image/png", ["data"] = CannedContent.PngBase64 } });
            }

            foreach (var planned in plan.Calls)
            {
                var call = new JsonObject { ["name"] = planned.Name, ["args"] = JsonNode.Parse(planned.ArgsJson) };
                if (style.Claude)
                {
                    call["id"] = Ids.ClaudeToolId();
                }

                calls.Add(call);
                parts.Add(new JsonObject { ["functionCall"] = call });
            }

            if (style.Gemini && parts.Count > 0)
            {
                // Gemini signs the first function call of the turn, or else its last part.
                var first = parts.FirstOrDefault(p => p.ContainsKey("functionCall"));
                var signed = first ?? parts[^1];
                signed["thoughtSignature"] = signatures.Sign(Signatures.Gemini, first is null ? thinking : (string)first["functionCall"]!["name"]!);
            }
        }

        var finish = plan.FinishReason
            ?? (plan.MaxTokens ? "MAX_TOKENS" : calls.Count > 0 && style.Claude ? claudeToolFinishReason : "STOP");
        var thoughtTokens = TokenEstimator.Text(thinking);
        var candidateTokens = TokenEstimator.Text(text) + (images * TokenEstimator.ImageTokens) + calls.Sum(c => TokenEstimator.Text(c.ToJsonString()));
        var usage = new JsonObject
        {
            ["promptTokenCount"] = promptTokens,
            ["candidatesTokenCount"] = candidateTokens,
            ["thoughtsTokenCount"] = thoughtTokens,
            ["totalTokenCount"] = promptTokens + candidateTokens + thoughtTokens,
        };
        if (plan.Usage is not null)
        {
            foreach (var (key, value) in plan.Usage)
            {
                usage[key] = value?.DeepClone();
            }
        }

        return new Turn(parts, finish, usage);
    }

    /// <summary>Pieces of at most <paramref name="size"/> chars, never splitting a surrogate pair.</summary>
    public static IEnumerable<string> Chunk(string text, int size)
    {
        for (var start = 0; start < text.Length;)
        {
            var end = (int)Math.Min(text.Length, (long)start + size);
            if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }

    /// <summary>The <c>{response:{candidates, usageMetadata?, modelVersion, responseId}, traceId}</c> envelope.</summary>
    public static JsonObject Envelope(IEnumerable<JsonObject> parts, string? finishReason, JsonObject? usage, string modelVersion, string responseId, string traceId)
    {
        var candidate = new JsonObject
        {
            ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(parts.Select(p => (JsonNode)p).ToArray()) },
        };
        if (finishReason is not null)
        {
            candidate["finishReason"] = finishReason;
        }

        candidate["index"] = 0;
        var response = new JsonObject { ["candidates"] = new JsonArray { (JsonNode)candidate } };
        if (usage is not null)
        {
            response["usageMetadata"] = usage;
        }

        response["modelVersion"] = modelVersion;
        response["responseId"] = responseId;
        return new JsonObject { ["response"] = response, ["traceId"] = traceId };
    }
}
