using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// What Anthropic's API checks behind Claude models (spec §5.5, §8.2 step 8), answered double-wrapped.
/// <c>messages.N</c> is the index into <c>contents</c>, <c>content.M</c> the part index. Order: thinking
/// block shape (extra fields, missing thinking text, missing signature), budget, tool pairing, tool results
/// first, no assistant prefill, thinking order, thinking in a final assistant message with thinking off, then signature validity.
/// Whether thinking is on: <see cref="ThinkingModes.ClaudeThinking"/>. The issue 15 toggles pick the strict
/// or lenient reading of thinking blocks (<see cref="ValidationConfig.OneThoughtPartPerBlock"/>), of the
/// thinking order (<see cref="ValidationConfig.ThinkingOnEveryToolTurn"/>), of text before tool results
/// (<see cref="ValidationConfig.ToolResultsFirst"/>), of prefill (<see cref="ValidationConfig.RejectAssistantPrefill"/>)
/// and of the sentinel on thinking
/// (<see cref="ValidationConfig.RejectClaudeThinkingSentinel"/>).
/// </summary>
internal static class ClaudeRules
{
    /// <summary>The keys a thought part may carry; anything else is an extra input.</summary>
    private static readonly HashSet<string> ThoughtKeys = new(StringComparer.Ordinal)
    {
        "thought", "text", "thoughtSignature", "thought_signature",
    };

    public static ValidationRejection? Check(JsonObject request, ModelInfo model, EmulatorConfig config, Signatures signatures)
    {
        var validate = config.Validate;
        var contents = Conversation.Contents(request);
        var thinking = Conversation.ThinkingConfig(request);
        var enabled = ThinkingModes.ClaudeThinking(model, request, validate);
        var mode = validate.Signatures;
        var joinRuns = !validate.OneThoughtPartPerBlock;
        var sentinel = config.AcceptSentinel && !validate.RejectClaudeThinkingSentinel;

        return (mode == "off" ? null : BlockShape(contents, joinRuns))
            ?? (validate.MaxTokens ? Budget(request, thinking) : null)
            ?? (validate.ToolPairing ? ToolPairing(contents) : null)
            ?? (validate.ToolResultsFirst ? ToolResultsFirst(contents) : null)
            ?? (validate.RejectAssistantPrefill && contents.Count > 0 && Conversation.IsModel(contents[^1])
                ? ValidationRejection.Claude("assistant-prefill", Rejections.PrefillUnsupported)
                : null)
            ?? (validate.ThinkingOrder && enabled ? ThinkingOrder(contents, validate.ThinkingOnEveryToolTurn) : null)
            ?? (validate.ThinkingOrder && !enabled ? ThinkingDisabled(contents) : null)
            ?? (mode == "strict" ? SignatureValidity(contents, joinRuns, sentinel, signatures) : null);
    }

    /// <summary>Extra fields on a thought part, a thought part without text, a thinking block without a signature.</summary>
    private static ValidationRejection? BlockShape(JsonArray contents, bool joinRuns)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (!Conversation.IsModel(contents[i]))
            {
                continue;
            }

            foreach (var (j, part) in Conversation.Parts(contents[i]))
            {
                if (!Conversation.IsThought(part))
                {
                    continue;
                }

                if (part.Select(p => p.Key).FirstOrDefault(k => !ThoughtKeys.Contains(k)) is { } extra)
                {
                    return ValidationRejection.Claude("extra-inputs", Rejections.ExtraInputs(i, j, extra));
                }

                if (Conversation.Text(part) is null)
                {
                    return ValidationRejection.Claude("thinking-required", Rejections.ThinkingRequired(i, j));
                }
            }

            if (ThinkingBlock.Read(contents[i], joinRuns).FirstOrDefault(b => b.Signature is null) is { } unsigned)
            {
                return ValidationRejection.Claude("signature-required", Rejections.SignatureRequired(i, unsigned.Start));
            }
        }

        return null;
    }

    /// <summary>thinking.budget_tokens ≥ 1024 and below max_tokens (maxOutputTokens).</summary>
    private static ValidationRejection? Budget(JsonObject request, JsonObject? thinking)
    {
        var budgetNode = RequestJson.Field(thinking, "thinkingBudget");
        if (budgetNode is null)
        {
            return null;
        }

        var budget = RequestJson.Long(budgetNode);
        if (budget is null || budget < 1024)
        {
            return ValidationRejection.Claude("thinking-budget", Rejections.BudgetTooSmall);
        }

        return Conversation.MaxOutputTokens(request) is { } max && budget >= max
            ? ValidationRejection.Claude("thinking-budget", Rejections.BudgetAboveMax)
            : null;
    }

    /// <summary>
    /// Every functionCall of a model turn is answered in the next content; every functionResponse answers a
    /// call of the previous model turn. Matched by id when both sides have one, else by name.
    /// </summary>
    private static ValidationRejection? ToolPairing(JsonArray contents)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (Conversation.IsModel(contents[i]))
            {
                var calls = Calls(contents[i]);
                if (calls.Count == 0 || i + 1 >= contents.Count)
                {
                    continue;
                }

                var responses = Conversation.IsUser(contents[i + 1]) ? Responses(contents[i + 1]) : [];
                var missing = calls.Where(c => !responses.Any(r => Matches(c, r.Call))).Select(c => c.Id ?? c.Name).ToList();
                if (missing.Count > 0)
                {
                    return ValidationRejection.Claude("tool-result-missing", Rejections.ToolResultMissing(i, missing));
                }
            }
            else
            {
                var responses = Responses(contents[i]);
                if (responses.Count == 0)
                {
                    continue;
                }

                var calls = i > 0 && Conversation.IsModel(contents[i - 1]) ? Calls(contents[i - 1]) : [];
                foreach (var (index, response) in responses)
                {
                    if (!calls.Any(c => Matches(c, response)))
                    {
                        return ValidationRejection.Claude(
                            "unexpected-tool-result", Rejections.UnexpectedToolResult(i, index, response.Id ?? response.Name));
                    }
                }
            }
        }

        return null;
    }

    private sealed record ToolRef(string? Id, string Name);

    private static List<ToolRef> Calls(JsonNode? content) =>
        Conversation.Parts(content)
            .Select(p => Conversation.FunctionCall(p.Part))
            .OfType<JsonObject>()
            .Select(Ref)
            .ToList();

    private static List<(int Index, ToolRef Call)> Responses(JsonNode? content) =>
        Conversation.Parts(content)
            .Where(p => Conversation.FunctionResponse(p.Part) is not null)
            .Select(p => (p.Index, Ref(Conversation.FunctionResponse(p.Part)!)))
            .ToList();

    private static ToolRef Ref(JsonObject call)
    {
        var id = RequestJson.String(call["id"]);
        return new ToolRef(string.IsNullOrEmpty(id) ? null : id, RequestJson.String(call["name"]) ?? "");
    }

    private static bool Matches(ToolRef call, ToolRef response) =>
        call.Id is not null && response.Id is not null ? call.Id == response.Id : call.Name == response.Name;

    /// <summary>
    /// Anthropic wants tool_result blocks first in the user message that answers tool calls; text before them
    /// leaves the calls "without tool_result blocks immediately after". Names the calls whose responses
    /// come after the first part that is not a functionResponse.
    /// </summary>
    private static ValidationRejection? ToolResultsFirst(JsonArray contents)
    {
        for (var i = 0; i + 1 < contents.Count; i++)
        {
            if (!Conversation.IsModel(contents[i]) || !Conversation.IsUser(contents[i + 1]))
            {
                continue;
            }

            var calls = Calls(contents[i]);
            var parts = Conversation.Parts(contents[i + 1]).Select(p => p.Part).ToList();
            var leading = parts.TakeWhile(p => Conversation.FunctionResponse(p) is not null).Count();
            var late = parts.Skip(leading)
                .Select(Conversation.FunctionResponse)
                .OfType<JsonObject>()
                .Select(Ref)
                .ToList();
            var missing = calls.Where(c => late.Any(r => Matches(c, r))).Select(c => c.Id ?? c.Name).ToList();
            if (missing.Count > 0)
            {
                return ValidationRejection.Claude("tool-results-first", Rejections.ToolResultMissing(i, missing));
            }
        }

        return null;
    }

    /// <summary>
    /// With thinking on, the final assistant message of the tool loop starts with a thinking block; with
    /// <paramref name="everyToolTurn"/>, so does every model turn with a functionCall, in the whole history
    /// (the earliest offender is named).
    /// </summary>
    private static ValidationRejection? ThinkingOrder(JsonArray contents, bool everyToolTurn)
    {
        if (everyToolTurn)
        {
            for (var i = 0; i < contents.Count; i++)
            {
                if (Conversation.IsModel(contents[i])
                    && Conversation.Parts(contents[i]).Any(p => Conversation.FunctionCall(p.Part) is not null)
                    && StartsWithoutThinking(contents[i]) is { } found)
                {
                    return ValidationRejection.Claude("thinking-order", Rejections.ThinkingOrder(i, found));
                }
            }
        }

        var final = Conversation.FinalModelTurn(contents);
        return final >= 0 && StartsWithoutThinking(contents[final]) is { } first
            ? ValidationRejection.Claude("thinking-order", Rejections.ThinkingOrder(final, first))
            : null;
    }

    /// <summary>What the turn starts with instead of a thinking block (<c>tool_use</c> or <c>text</c>), or null when it starts with thinking.</summary>
    private static string? StartsWithoutThinking(JsonNode? content)
    {
        var first = Conversation.Parts(content).Select(p => p.Part).FirstOrDefault();
        return first is null || Conversation.IsThought(first) ? null
            : Conversation.FunctionCall(first) is not null ? "tool_use"
            : "text";
    }

    /// <summary>With thinking off, an assistant message in the final position (a prefill) has no thinking.</summary>
    private static ValidationRejection? ThinkingDisabled(JsonArray contents) =>
        contents.Count > 0
        && Conversation.IsModel(contents[^1])
        && Conversation.Parts(contents[^1]).Any(p => Conversation.IsThought(p.Part))
            ? ValidationRejection.Claude("thinking-disabled", Rejections.ThinkingDisabled)
            : null;

    /// <summary>Each signed thinking block verifies as a Claude signature over its text, under the current key.</summary>
    private static ValidationRejection? SignatureValidity(JsonArray contents, bool joinRuns, bool acceptSentinel, Signatures signatures)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (!Conversation.IsModel(contents[i]))
            {
                continue;
            }

            foreach (var block in ThinkingBlock.Read(contents[i], joinRuns))
            {
                var check = signatures.Verify(block.Signature, Signatures.Claude, block.Text);
                var ok = check == SignatureCheck.Valid || (check == SignatureCheck.Sentinel && acceptSentinel);
                if (!ok)
                {
                    return ValidationRejection.Claude("invalid-signature", Rejections.InvalidSignature(i, block.Start));
                }
            }
        }

        return null;
    }
}
