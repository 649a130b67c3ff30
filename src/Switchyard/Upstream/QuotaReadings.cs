namespace Switchyard.Upstream;

/// <summary>The upstream's quota families and windows, as <c>retrieveUserQuotaSummary</c> names them (upstream-2026 §1.2).</summary>
internal static class QuotaWindowNames
{
    /// <summary>Gemini text models (Flash, Pro, Flash Lite).</summary>
    public const string Gemini = "gemini";

    /// <summary>Claude and GPT-OSS ("3p", third party).</summary>
    public const string ThirdParty = "3p";

    public const string FiveHour = "5h";
    public const string Weekly = "weekly";

    public static IReadOnlyList<string> Families { get; } = [Gemini, ThirdParty];

    public static IReadOnlyList<string> Windows { get; } = [FiveHour, Weekly];

    /// <summary>The bucket id: <c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>, <c>3p-weekly</c>.</summary>
    public static string BucketId(string family, string window) => family + "-" + window;
}

/// <summary>
/// <c>retrieveUserQuotaSummary</c> as read: the windows it named, and what in it could not be read. A reading with no
/// window is not usable (the caller keeps its last good one).
/// </summary>
/// <param name="Host">The label of the host that answered.</param>
internal sealed record QuotaSummaryReading(IReadOnlyList<QuotaWindowReading> Windows, IReadOnlyList<string> Problems, string? Host = null)
{
    public bool IsUsable => Windows.Count > 0;
}

/// <summary>One bucket of the summary.</summary>
/// <param name="Family"><see cref="QuotaWindowNames.Gemini"/> or <see cref="QuotaWindowNames.ThirdParty"/>.</param>
/// <param name="Window"><see cref="QuotaWindowNames.FiveHour"/> or <see cref="QuotaWindowNames.Weekly"/>.</param>
/// <param name="Fraction">0..1; an absent fraction is 0 (proto3 omits zero).</param>
/// <param name="Disabled">The 5 h bucket while its family's weekly bucket is empty: its fraction means nothing.</param>
internal sealed record QuotaWindowReading(string Family, string Window, double Fraction, DateTimeOffset? ResetTime, bool Disabled)
{
    public string BucketId => QuotaWindowNames.BucketId(Family, Window);
}

/// <summary>
/// <c>fetchAvailableModels</c> of one host as read (upstream-2026 §6.1): the models it lists (internal helpers left out),
/// the deprecated ids and their successors, the search and image model ids, and what could not be read.
/// </summary>
internal sealed record CatalogueReading(
    IReadOnlyList<CatalogueModel> Models,
    IReadOnlyDictionary<string, string> Deprecated,
    IReadOnlyList<string> WebSearchModelIds,
    IReadOnlyList<string> ImageGenerationModelIds,
    IReadOnlyList<string> Problems,
    string? Host = null)
{
    public bool IsUsable => Models.Count > 0;
}

/// <summary>One model of the catalogue.</summary>
/// <param name="QuotaFraction">quotaInfo.remainingFraction; null when absent (0 by proto3, or unknown on the free tier).</param>
internal sealed record CatalogueModel(
    string Id,
    string? DisplayName,
    int? ContextTokens,
    int? MaxOutputTokens,
    bool SupportsThinking,
    double? QuotaFraction,
    DateTimeOffset? QuotaReset);
