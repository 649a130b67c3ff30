namespace Switchyard.RateLimits;

/// <summary>
/// Where a limit applies: one account, one model group (claude, gemini-pro, gemini-flash, …), one quota pool.
/// <see cref="AccountWide"/> keys hold limits that stop the whole account (verification, repeated failures).
/// </summary>
internal readonly record struct RateLimitKey(string AccountId, string Group, string Pool)
{
    /// <summary>The group and pool of an account-wide key.</summary>
    public const string Any = "*";

    public static RateLimitKey AccountWide(string accountId) => new(accountId, Any, Any);

    public bool IsAccountWide => Group == Any && Pool == Any;

    public override string ToString() => $"{AccountId}/{Group}/{Pool}";
}

/// <summary>The upstream quota pools (upstream-protocol §2.3).</summary>
internal static class QuotaPools
{
    public const string Antigravity = "antigravity";
    public const string GeminiCli = "gemini-cli";
}
