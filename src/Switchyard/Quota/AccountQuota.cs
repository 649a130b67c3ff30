using System.Text.Json.Serialization;
using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>
/// What the upstream last said about one account: its quota windows (<see cref="Entries"/>), its model catalogue per host,
/// its credit balance, whether it keeps the gemini-cli pool, and the problems of the last reading. Immutable; the
/// <see cref="QuotaService"/> swaps a new one in for every change.
/// </summary>
internal sealed record AccountQuota
{
    public static AccountQuota Empty { get; } = new();

    /// <summary>The windows (<c>gemini-5h</c>…) and the image bucket, as last read. Stored in the quotas table, not the state document.</summary>
    [JsonIgnore]
    public IReadOnlyList<QuotaEntry> Entries { get; init; } = [];

    /// <summary>When the last usable summary was read, and whether its host's figures lag (prod).</summary>
    public DateTimeOffset? SummaryAt { get; init; }

    public bool SummaryStale { get; init; }

    /// <summary>The catalogue each generate host last listed for the account (upstream-2026 §6.1: per account and host).</summary>
    public IReadOnlyList<HostCatalogue> Catalogues { get; init; } = [];

    /// <summary>Model ids the upstream answered 404 for since the last catalogue reading: out of this account's catalogue.</summary>
    public IReadOnlyList<string> MissingModels { get; init; } = [];

    /// <summary>The Google One AI balance from loadCodeAssist; null with <see cref="CreditsReadAt"/> set: the account has no paid tier.</summary>
    public CreditBalance? Credits { get; init; }

    public DateTimeOffset? CreditsReadAt { get; init; }

    /// <summary>The upstream said INSUFFICIENT_G1_CREDITS_BALANCE: credits stay off until a reading shows a usable balance.</summary>
    public bool CreditsExhausted { get; init; }

    /// <summary>The account keeps the gemini-cli pool (true), lost it (false: UNSUPPORTED_CLIENT), or nobody asked yet (null).</summary>
    public bool? GeminiCli { get; init; }

    public string? GeminiCliReason { get; init; }

    /// <summary>What the last reading could not read (shown; the last good data stays).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether credits can serve now: not exhausted, and a usable balance (or none read yet).</summary>
    [JsonIgnore]
    public bool CreditsUsable => !CreditsExhausted && (CreditsReadAt is null || Credits is { Usable: true });

    /// <summary>The entry of a window or bucket key, if read.</summary>
    public QuotaEntry? Entry(string key) => Entries.FirstOrDefault(e => string.Equals(e.Group, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the account's catalogue serves <paramref name="modelId"/>; null while no catalogue was read.</summary>
    public bool? Serves(string modelId)
    {
        if (Catalogues.Count == 0)
        {
            return null;
        }

        return !MissingModels.Contains(modelId, StringComparer.OrdinalIgnoreCase)
            && Catalogues.Any(c => c.Lists(modelId));
    }

    /// <summary>The hosts of <paramref name="hosts"/> whose catalogue lists the model (or is unknown); all of them when none would be left.</summary>
    public IReadOnlyList<UpstreamHost> HostsServing(string modelId, IReadOnlyList<UpstreamHost> hosts)
    {
        if (Catalogues.Count == 0)
        {
            return hosts;
        }

        var serving = hosts
            .Where(h => Catalogues.FirstOrDefault(c => string.Equals(c.Host, h.Label, StringComparison.OrdinalIgnoreCase)) is not { } catalogue || catalogue.Lists(modelId))
            .ToList();
        return serving.Count > 0 ? serving : hosts;
    }
}

/// <summary>One host's catalogue for one account.</summary>
/// <param name="Stale">Kept from an earlier reading because the last one failed or was malformed.</param>
internal sealed record HostCatalogue(
    string Host,
    IReadOnlyList<CatalogueModel> Models,
    IReadOnlyDictionary<string, string> Deprecated,
    IReadOnlyList<string> WebSearchModelIds,
    DateTimeOffset ReadAt,
    bool Stale = false)
{
    public bool Lists(string modelId) => Models.Any(m => string.Equals(m.Id, modelId, StringComparison.OrdinalIgnoreCase));
}
