namespace Switchyard.Accounts;

/// <summary>Subscription tier reported by loadCodeAssist.</summary>
internal enum AccountTier
{
    Unknown,
    Free,
    Pro,
    Ultra,
}

/// <summary>One signed-in Google account as the gateway sees it. Tokens are not part of it: <see cref="TokenManager"/> reads them.</summary>
internal sealed record Account
{
    public required string Id { get; init; }
    public required string Email { get; init; }
    public AccountTier Tier { get; init; }
    public string? ProjectId { get; init; }
    public bool Enabled { get; init; } = true;

    /// <summary>Why the account is disabled (by the user or by the gateway, e.g. a rejected refresh token).</summary>
    public string? DisabledReason { get; init; }

    /// <summary>
    /// The link the owner must open to verify the account, while the upstream answers VALIDATION_REQUIRED
    /// (upstream-2026 §7); null when none is pending.
    /// </summary>
    public string? VerificationUrl { get; init; }

    /// <summary>Until when the gateway leaves the account alone after a failure, and why.</summary>
    public DateTimeOffset? CooldownUntil { get; init; }
    public string? CooldownReason { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>An account to add or merge (by email), with its refresh token in plain text (encrypted by the store).</summary>
internal sealed record NewAccount
{
    public required string Email { get; init; }
    public required string RefreshToken { get; init; }
    public AccountTier Tier { get; init; }
    public string? ProjectId { get; init; }

    /// <summary>Null keeps the stored state on merge (new accounts start enabled).</summary>
    public bool? Enabled { get; init; }
    public string? DisabledReason { get; init; }
    public string? AccessToken { get; init; }
    public DateTimeOffset? AccessExpiresAt { get; init; }
    public DateTimeOffset? AddedAt { get; init; }
}

/// <summary>The stored tokens of one account, decrypted.</summary>
internal sealed record AccountSecrets(string RefreshToken, string? AccessToken, DateTimeOffset? AccessExpiresAt);

/// <summary>
/// One quota window of an account (<c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c>) or an image
/// bucket (<c>image</c>), as last read.
/// </summary>
/// <param name="Stale">From a host whose figures lag, or kept from an earlier reading because the last one failed.</param>
/// <param name="Disabled">A 5 h window the upstream marks disabled while its family's weekly window is empty.</param>
internal sealed record QuotaEntry(string Group, double RemainingFraction, DateTimeOffset? ResetTime, DateTimeOffset UpdatedAt, bool Stale = false, bool Disabled = false);
