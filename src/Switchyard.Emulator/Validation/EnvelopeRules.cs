using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Validation;

/// <summary>
/// The generate / stream envelope (spec §3.1), checked before the model: <c>request</c> an object,
/// <c>model</c> a string, the optional <c>project</c>, <c>requestType</c>, <c>userAgent</c>, <c>requestId</c>
/// strings (gemini-cli style omits the last three), and <c>systemInstruction</c> a Content object, never a
/// bare string. Wrong shapes get Google's proto-JSON text, e.g.
/// <c>Invalid value at 'request.system_instruction' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "Be brief"</c>.
/// </summary>
internal static class EnvelopeRules
{
    private static readonly string[] OptionalStrings = ["project", "requestType", "userAgent", "requestId"];

    public static ValidationRejection? Check(JsonObject body)
    {
        var model = body["model"];
        if (model is not null && !RequestJson.IsString(model))
        {
            return StructureRules.Invalid("model", ProtoTypes.String, model, "envelope");
        }

        foreach (var name in OptionalStrings)
        {
            var value = RequestJson.Field(body, name);
            if (value is not null && !RequestJson.IsString(value))
            {
                return StructureRules.Invalid(RequestJson.PathName(name), ProtoTypes.String, value, "envelope");
            }
        }

        var request = body["request"];
        if (request is null)
        {
            return ValidationRejection.Google("envelope", Rejections.InvalidArgument);
        }

        if (request is not JsonObject requestObject)
        {
            return StructureRules.Invalid("request", ProtoTypes.GenerateContentRequest, request, "envelope");
        }

        return SystemInstruction(requestObject, "GenerateContentRequest");
    }

    /// <summary><c>{role?, parts: [{text}]}</c>; absent is fine.</summary>
    public static ValidationRejection? SystemInstruction(JsonObject request, string requestType)
    {
        var instruction = RequestJson.Field(request, "systemInstruction");
        if (instruction is null)
        {
            return null;
        }

        const string path = "request.system_instruction";
        if (instruction is not JsonObject content)
        {
            return StructureRules.Invalid(path, ProtoTypes.Content, instruction, "system-instruction");
        }

        var role = content["role"];
        if (role is not null && !RequestJson.IsString(role))
        {
            return StructureRules.Invalid(path + ".role", ProtoTypes.String, role, "system-instruction");
        }

        return StructureRules.Parts(RequestJson.Field(content, "parts"), path + ".parts", $"{requestType}.system_instruction.parts") is { } bad
            ? bad with { Rule = "system-instruction" }
            : null;
    }

    /// <summary>Strict mode: the first field the upstream would not know, as Google's "Unknown name" 400.</summary>
    public static ValidationRejection? UnknownFields(JsonObject body, KnownFields known) =>
        known.FindUnknown(body, "") is { } unknown ? ValidationRejection.UnknownField(unknown.Name, unknown.Path) : null;
}
