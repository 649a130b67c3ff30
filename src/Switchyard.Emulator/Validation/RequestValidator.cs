using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// The envelope checks (before the model) and step 8 of spec §8.2, each rule family behind its
/// <see cref="ValidationConfig"/> toggle. The first failing rule answers; it names itself in the journal
/// entry's <c>Outcome</c> (e.g. <c>thinking-order</c>). Rules read JSON defensively: a malformed request is
/// a 400, never an exception.
/// </summary>
internal static class RequestValidator
{
    /// <summary>Envelope fields of generate/stream calls, and strict unknown fields, before the model check.</summary>
    public static EmulatorReply? ValidateEnvelope(CloudCodeCall call)
    {
        var config = call.Config;
        var rejection = (config.Validate.Envelope ? EnvelopeRules.Check(call.Body) : null)
            ?? (config.StrictUnknownFields ? EnvelopeRules.UnknownFields(call.Body, KnownFields.Generate) : null);
        return Answer(call, rejection);
    }

    /// <summary>Structure, schema, output limit, Claude or Gemini rules, then prompt length. Needs the resolved model.</summary>
    public static EmulatorReply? Validate(CloudCodeCall call)
    {
        if (call.Body["request"] is not JsonObject request || call.Model is not { } model)
        {
            // The envelope check is off and there is nothing to read; generation answers as it can.
            return null;
        }

        var config = call.Config;
        var validate = config.Validate;
        var signatures = call.State.Signatures;
        var rejection = (validate.Structure ? StructureRules.Check(request, validate) : null)
            ?? (validate.Schema ? SchemaRules.Check(request, validate) : null)
            ?? (validate.MaxTokens ? LengthRules.MaxTokens(request, model) : null)
            ?? (model.IsClaude ? ClaudeRules.Check(request, model, config, signatures) : null)
            ?? (model.IsGemini ? GeminiRules.Check(request, model, config, signatures) : null)
            ?? (validate.PromptLength ? LengthRules.PromptLength(request, model, config) : null);
        return Answer(call, rejection);
    }

    /// <summary>countTokens (spec §3.2): <c>{"request": {contents, systemInstruction?, tools?, model?}}</c> and nothing else.</summary>
    public static EmulatorReply? ValidateCountTokens(CloudCodeCall call) => Answer(call, CountTokensRules.Check(call.Body, call.Config));

    private static EmulatorReply? Answer(CloudCodeCall call, ValidationRejection? rejection)
    {
        if (rejection is null)
        {
            return null;
        }

        call.Entry.Outcome = rejection.Rule;
        return rejection.Reply;
    }
}
