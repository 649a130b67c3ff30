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
    public List<string> DeniedModels { get; } = [];
    public string? FixedRefreshToken { get; set; }

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
            FixedRefreshToken = seed.RefreshToken,
        };
        account.DeniedModels.AddRange(seed.DeniedModels);
        foreach (var pool in QuotaPools.All)
        {
            account.Pools[pool] = new PoolState { Rpm = seed.Rpm };
        }

        return account;
    }

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
