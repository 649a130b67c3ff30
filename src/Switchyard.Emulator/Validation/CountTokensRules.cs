using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// countTokens bodies (spec §3.2). The envelope is only <c>request</c>: a top-level <c>model</c> or
/// <c>project</c> is an unknown field (reported as Google does at the root, without a path), and so is
/// anything in <c>request</c> beyond contents, systemInstruction, tools and model (RS reports
/// <c>safetySettings</c>). These follow the Envelope toggle; contents follow the Structure toggle.
/// </summary>
internal static class CountTokensRules
{
    private const string RequestType = "CountTokensRequest";

    public static ValidationRejection? Check(JsonObject body, EmulatorConfig config)
    {
        if (config.Validate.Envelope)
        {
            if (body["request"] is { } request and not JsonObject)
            {
                return StructureRules.Invalid("request", ProtoTypes.GenerateContentRequest, request, "envelope");
            }

            if (EnvelopeRules.UnknownFields(body, KnownFields.CountTokens) is { } unknown)
            {
                return unknown;
            }

            if (body["request"] is not JsonObject)
            {
                return ValidationRejection.Google("contents", Rejections.ContentsNotSpecified(RequestType));
            }
        }

        if (body["request"] is not JsonObject inner)
        {
            return null;
        }

        return (config.Validate.Envelope ? EnvelopeRules.SystemInstruction(inner, RequestType) : null)
            ?? (config.Validate.Structure ? StructureRules.Contents(inner, RequestType) ?? StructureRules.Tools(inner, config.Validate.FunctionNames) : null);
    }
}
