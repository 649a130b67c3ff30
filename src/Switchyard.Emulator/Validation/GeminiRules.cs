using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Generation;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// Gemini rules (plain Google texts). <c>thinkingLevel</c> on an id listed in
/// <see cref="EmulatorConfig.RejectThinkingLevelFor"/> (globs) is refused. On Gemini 3 (and Gemini 2.5
/// thinking models; when, see <see cref="ThinkingModes.GeminiCallSignatures"/>), each model turn
/// after the last real user text must sign its FIRST functionCall part with a Gemini signature over the
/// function's name (later parallel calls go unsigned). The position in the error is the 1-based index of
/// that model turn in <c>contents</c>, as the real service reports it (a turn at index 1 is "position 2").
/// Signatures <c>strict</c> verifies; <c>lenient</c> and <c>off</c> only require presence (the rule itself
/// is switched by <see cref="ValidationConfig.Gemini3Signatures"/>).
/// </summary>
internal static class GeminiRules
{
    public static ValidationRejection? Check(JsonObject request, ModelInfo model, EmulatorConfig config, Signatures signatures) =>
        ThinkingLevel(request, model, config)
        ?? (ThinkingModes.GeminiCallSignatures(model, request, config.Validate) ? FunctionCallSignatures(request, config, signatures) : null);

    private static ValidationRejection? ThinkingLevel(JsonObject request, ModelInfo model, EmulatorConfig config) =>
        RequestJson.Field(Conversation.ThinkingConfig(request), "thinkingLevel") is not null
        && config.RejectThinkingLevelFor.Any(pattern => State.Glob.IsMatch(pattern, model.Id))
            ? ValidationRejection.Google("thinking-level", Rejections.ThinkingLevelUnsupported)
            : null;

    private static ValidationRejection? FunctionCallSignatures(JsonObject request, EmulatorConfig config, Signatures signatures)
    {
        var contents = Conversation.Contents(request);
        for (var i = Conversation.LastUserText(contents) + 1; i < contents.Count; i++)
        {
            if (!Conversation.IsModel(contents[i]))
            {
                continue;
            }

            var first = Conversation.Parts(contents[i]).Select(p => p.Part).FirstOrDefault(p => Conversation.FunctionCall(p) is not null);
            if (first is null)
            {
                continue;
            }

            var name = RequestJson.String(Conversation.FunctionCall(first)!["name"]) ?? "";
            var signature = Conversation.Signature(first);
            if (string.IsNullOrEmpty(signature))
            {
                return ValidationRejection.Google("gemini-signature-missing", Rejections.GeminiMissingSignature(name, i + 1));
            }

            if (config.Validate.Signatures != "strict")
            {
                continue;
            }

            var check = signatures.Verify(signature, Signatures.Gemini, name);
            if (check != SignatureCheck.Valid && !(check == SignatureCheck.Sentinel && config.AcceptSentinel))
            {
                return ValidationRejection.Google("gemini-signature-corrupted", Rejections.CorruptedSignature);
            }
        }

        return null;
    }
}
