namespace Switchyard.Accounts;

/// <summary>One account read from an import file; the email may be unknown (a bare refresh token).</summary>
internal sealed record ImportEntry
{
    public string? Email { get; init; }
    public required string RefreshToken { get; init; }
    public string? ProjectId { get; init; }
    public AccountTier Tier { get; init; }
    public bool? Enabled { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset? AddedAt { get; init; }
}

/// <summary>What an import file held: its format and accounts, or why it could not be read.</summary>
internal sealed record ImportBatch(string Format, IReadOnlyList<ImportEntry> Entries, bool NeedsPassphrase = false, string? Error = null)
{
    public static ImportBatch Fail(string error) => new("unknown", [], Error: error);
}
