using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>What <see cref="EmulatorControlClient.PatchAccountAsync"/> changes; null leaves a field as it is.</summary>
public sealed record AccountPatch
{
    /// <summary>Google One AI credit balance.</summary>
    public long? Credits { get; init; }

    /// <summary>VALIDATION_REQUIRED on every call (loadCodeAssist: an ineligible tier).</summary>
    public bool? VerificationRequired { get; init; }

    /// <summary>403 with no details on every call.</summary>
    public bool? TermsOfServiceBanned { get; init; }

    public bool? Disabled { get; init; }
    public bool? ServiceDisabled { get; init; }

    /// <summary>Holds a Gemini Code Assist licence, so the gemini-cli identity keeps working.</summary>
    public bool? GeminiCliLicense { get; init; }

    internal JsonObject ToJson()
    {
        var body = new JsonObject();
        if (Credits is { } credits)
        {
            body["credits"] = credits;
        }

        Add(body, "verificationRequired", VerificationRequired);
        Add(body, "termsOfServiceBanned", TermsOfServiceBanned);
        Add(body, "disabled", Disabled);
        Add(body, "serviceDisabled", ServiceDisabled);
        Add(body, "geminiCliLicense", GeminiCliLicense);
        return body;
    }

    private static void Add(JsonObject body, string key, bool? value)
    {
        if (value is { } flag)
        {
            body[key] = flag;
        }
    }
}
