using System.Text.Json.Serialization;

namespace Switchyard.Emulator.State;

/// <summary>
/// How an account is described when it is added (options, <c>--accounts file.json</c>, or
/// <c>PUT /__emulator/accounts/{email}</c>). Everything but the email has a default.
/// </summary>
public sealed record AccountSeed
{
    public required string Email { get; init; }
    public string? Name { get; init; }
    public string? Sub { get; init; }
    public string? Picture { get; init; }
    public string? Hd { get; init; }

    /// <summary>FREE, PRO or ULTRA.</summary>
    public string Tier { get; init; } = "FREE";

    /// <summary>The managed project; generated from the email when absent.</summary>
    public string? ProjectId { get; init; }

    /// <summary>False: loadCodeAssist returns no project until onboardUser has completed.</summary>
    public bool Onboarded { get; init; } = true;

    /// <summary>How many onboardUser calls answer <c>done:false</c> before one answers done.</summary>
    public int OnboardPendingPolls { get; init; }

    public bool Disabled { get; init; }
    public bool VerificationRequired { get; init; }
    public bool ServiceDisabled { get; init; }
    public IReadOnlyList<string> DeniedModels { get; init; } = [];

    /// <summary>Terms-of-service ban: every call gets 403 PERMISSION_DENIED with no details (2026 §7.4).</summary>
    public bool TermsOfServiceBanned { get; init; }

    /// <summary>Holds a Gemini Code Assist Standard/Enterprise licence, so it keeps the gemini-cli pool (2026 §5).</summary>
    public bool GeminiCliLicense { get; init; }

    /// <summary>Google One AI credit balance (2026 §3). Absent: 25000 for ULTRA, 1000 for PRO, 0 for FREE.</summary>
    public long? Credits { get; init; }

    /// <summary>Requests per minute per (pool, bucket); 0 means unlimited.</summary>
    public int Rpm { get; init; }

    /// <summary>Fixed refresh token to issue for this account (handy for import tests); random when absent.</summary>
    [JsonPropertyName("refreshToken")]
    public string? RefreshToken { get; init; }
}
