namespace Switchyard.Emulator.State;

/// <summary>One simulated Google account. Mutated only under <see cref="EmulatorState.Gate"/>.</summary>
internal sealed class EmulatedAccount
{
    public required string Email { get; init; }
    public required string Sub { get; init; }
    public required string Name { get; set; }
    public string? Picture { get; set; }
    public string? Hd { get; set; }
    public required string Tier { get; set; }
    public required string ProjectId { get; set; }
    public bool Onboarded { get; set; }
    public int OnboardPendingPolls { get; set; }
    public bool Disabled { get; set; }
    public bool VerificationRequired { get; set; }
    public bool ServiceDisabled { get; set; }
    public bool TermsOfServiceBanned { get; set; }
    public bool GeminiCliLicense { get; set; }

    /// <summary>Google One AI credits left.</summary>
    public long Credits { get; set; }

    /// <summary>Model ids removed from this account's catalogue: absent from fetchAvailableModels and 404.</summary>
    public List<string> DeniedModels { get; } = [];
    public string? FixedRefreshToken { get; set; }

    /// <summary>When the account was added (virtual clock); fixed weekly windows run from here.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The 2026 summary buckets (gemini-5h, gemini-weekly, 3p-5h, 3p-weekly), created on first use.</summary>
    public Dictionary<string, WindowBucket> Windows { get; } = new(StringComparer.Ordinal);

    /// <summary>Free tier: weekly windows only, no 5 h ones.</summary>
    public bool IsFreeTier => Tier == "FREE";

    /// <summary>Insertion order (kept when the account is replaced), so "the first account" is stable.</summary>
    public long Order { get; set; }

    /// <summary>Per pool (<c>antigravity</c>, <c>gemini-cli</c>): rpm limit and buckets.</summary>
    public Dictionary<string, PoolState> Pools { get; } = new(StringComparer.Ordinal);

    public static EmulatedAccount FromSeed(AccountSeed seed)
    {
        var local = seed.Email.Split('@')[0];
        var account = new EmulatedAccount
        {
            Email = seed.Email,
            Sub = seed.Sub ?? StableNumber(seed.Email),
            Name = seed.Name ?? local,
            Picture = seed.Picture,
            Hd = seed.Hd,
            Tier = seed.Tier.ToUpperInvariant(),
            ProjectId = seed.ProjectId ?? $"emu-{SanitizeProject(local)}-{StableNumber(seed.Email)[..5]}",
            Onboarded = seed.Onboarded,
            OnboardPendingPolls = seed.OnboardPendingPolls,
            Disabled = seed.Disabled,
            VerificationRequired = seed.VerificationRequired,
            ServiceDisabled = seed.ServiceDisabled,
            TermsOfServiceBanned = seed.TermsOfServiceBanned,
            GeminiCliLicense = seed.GeminiCliLicense,
            Credits = seed.Credits ?? DefaultCredits(seed.Tier),
            FixedRefreshToken = seed.RefreshToken,
        };
        account.DeniedModels.AddRange(seed.DeniedModels);
        foreach (var pool in QuotaPools.All)
        {
            account.Pools[pool] = new PoolState { Rpm = seed.Rpm };
        }

        return account;
    }

    /// <summary>The credit balance an account starts with when its seed names none.</summary>
    public static long DefaultCredits(string tier) => tier.ToUpperInvariant() switch
    {
        "ULTRA" => 25_000,
        "PRO" => 1_000,
        _ => 0,
    };

    private static string SanitizeProject(string s)
    {
        var chars = s.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(12).ToArray();
        return chars.Length == 0 ? "user" : new string(chars);
    }

    private static string StableNumber(string s)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s));
        return (BitConverter.ToUInt64(hash, 0) % 100_000_000_000_000_000UL).ToString("D17", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The two quota pools the service meters separately.</summary>
internal static class QuotaPools
{
    public const string Antigravity = "antigravity";
    public const string GeminiCli = "gemini-cli";
    public static readonly string[] All = [Antigravity, GeminiCli];
}

internal sealed class PoolState
{
    /// <summary>Requests per minute per bucket; 0 = unlimited.</summary>
    public int Rpm { get; set; }

    /// <summary>Bucket name → state. A bucket absent here is full (fraction 1, no reset time).</summary>
    public Dictionary<string, BucketState> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>Bucket name → request times inside the sliding 60 s window.</summary>
    public Dictionary<string, Queue<DateTimeOffset>> RpmWindows { get; } = new(StringComparer.Ordinal);

    public BucketState Bucket(string name)
    {
        if (!Buckets.TryGetValue(name, out var bucket))
        {
            bucket = new BucketState();
            Buckets[name] = bucket;
        }

        return bucket;
    }
}

internal sealed class BucketState
{
    public double RemainingFraction { get; set; } = 1.0;
    public DateTimeOffset? ResetTime { get; set; }
    public double CostPerRequest { get; set; }
}
