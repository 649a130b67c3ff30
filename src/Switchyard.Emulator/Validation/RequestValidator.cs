using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.Validation;


/// <summary>Step 8 of spec §8.2 and the envelope checks. (Stub: owned by the validation work.)</summary>
internal static class RequestValidator
{
    /// <summary>Envelope fields of generate/stream calls, before the model check.</summary>
    public static EmulatorReply? ValidateEnvelope(CloudCodeCall call)
    {
        _ = call;
        return null;
    }

    /// <summary>Structure, schema, Claude and Gemini rules, prompt length, max tokens.</summary>
    public static EmulatorReply? Validate(CloudCodeCall call)
    {
        _ = call;
        return null;
    }

    public static EmulatorReply? ValidateCountTokens(CloudCodeCall call)
    {
        _ = call;
        return null;
    }
}
