using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// What Anthropic's API checks behind Claude models (spec §5.5, §8.2 step 8), answered double-wrapped.
/// <c>messages.N</c> is the index into <c>contents</c>, <c>content.M</c> the part index. Order: thinking
/// block shape (extra fields, missing thinking text, missing signature), budget, tool pairing, thinking
/// order, thinking in a final assistant message with thinking off, then signature validity.
/// </summary>
internal static class ClaudeRules
{
    /// <summary>The keys a thought part may carry; anything else is an extra input.</summary>
    private static readonly HashSet<string> ThoughtKeys = new(StringComparer.Ordinal)
    {
        "thought", "text", "thoughtSignature", "thought_signature",
    };

    public static ValidationRejection? Check(JsonObject request, EmulatorConfig config, Signatures signatures)
    {
        var contents = Conversation.Contents(request);
        var thinking = Conversation.ThinkingConfig(request);
        var enabled = Conversation.ThinkingEnabled(thinking);
        var mode = config.Validate.Signatures;

        return (mode == "off" ? null : BlockShape(contents))
            ?? (config.Validate.MaxTokens ? Budget(request, thinking) : null)
            ?? (config.Validate.ToolPairing ? ToolPairing(contents) : null)
            ?? (config.Validate.ThinkingOrder && enabled ? ThinkingOrder(contents) : null)
            ?? (config.Validate.ThinkingOrder && !enabled ? ThinkingDisabled(contents) : null)
            ?? (mode == "strict" ? SignatureValidity(contents, config.AcceptSentinel, signatures) : null);
    }

    /// <summary>Extra fields on a thought part, a thought part without text, a thinking block without a signature.</summary>
    private static ValidationRejection? BlockShape(JsonArray contents)
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

            if (ThinkingBlock.Read(contents[i]).FirstOrDefault(b => b.Signature is null) is { } unsigned)
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

    /// <summary>With thinking on, the final assistant message of the tool loop starts with a thinking block.</summary>
    private static ValidationRejection? ThinkingOrder(JsonArray contents)
    {
        var final = Conversation.FinalModelTurn(contents);
        if (final < 0)
        {
            return null;
        }

        var first = Conversation.Parts(contents[final]).Select(p => p.Part).FirstOrDefault();
        if (first is null || Conversation.IsThought(first))
        {
            return null;
        }

        var found = Conversation.FunctionCall(first) is not null ? "tool_use" : "text";
        return ValidationRejection.Claude("thinking-order", Rejections.ThinkingOrder(final, found));
    }

    /// <summary>With thinking off, an assistant message in the final position (a prefill) has no thinking.</summary>
    private static ValidationRejection? ThinkingDisabled(JsonArray contents) =>
        contents.Count > 0
        && Conversation.IsModel(contents[^1])
        && Conversation.Parts(contents[^1]).Any(p => Conversation.IsThought(p.Part))
            ? ValidationRejection.Claude("thinking-disabled", Rejections.ThinkingDisabled)
            : null;

    /// <summary>Each signed thinking block verifies as a Claude signature over its text, under the current key.</summary>
    private static ValidationRejection? SignatureValidity(JsonArray contents, bool acceptSentinel, Signatures signatures)
    {
        for (var i = 0; i < contents.Count; i++)
        {
            if (!Conversation.IsModel(contents[i]))
            {
                continue;
            }

            foreach (var block in ThinkingBlock.Read(contents[i]))
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
