namespace Switchyard.Scheduling;

/// <summary>Subscription tier; a lower value is preferred (ULTRA &gt; PRO &gt; FREE &gt; unknown).</summary>
internal enum AccountTier
{
    Ultra = 0,
    Pro = 1,
    Free = 2,
    Unknown = 3,
}

internal static class AccountTiers
{
    /// <summary>Reads a tier id or name such as <c>g1-ultra-tier</c>, <c>PRO</c>, <c>free-tier</c> (substring match, as the manager does).</summary>
    public static AccountTier Parse(string? tier)
    {
        if (string.IsNullOrWhiteSpace(tier))
        {
            return AccountTier.Unknown;
        }

        return tier.Contains("ultra", StringComparison.OrdinalIgnoreCase) ? AccountTier.Ultra
            : tier.Contains("pro", StringComparison.OrdinalIgnoreCase) ? AccountTier.Pro
            : tier.Contains("free", StringComparison.OrdinalIgnoreCase) ? AccountTier.Free
            : AccountTier.Unknown;
    }
}
