using Switchyard.Models;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>
/// The keys quota is held by: one per family and window (<c>gemini-5h</c>, <c>gemini-weekly</c>, <c>3p-5h</c>,
/// <c>3p-weekly</c>; upstream-2026 §1.2) and <c>image</c> for image models' own bucket. A window key is also the group
/// of the <c>RateLimitKey</c> that holds the window while it is empty.
/// </summary>
internal static class QuotaKeys
{
    public const string Image = ModelGroups.Image;

    /// <summary>The four window keys, Gemini first, 5 h before weekly.</summary>
    public static IReadOnlyList<string> Windows { get; } =
        [.. QuotaWindowNames.Families.SelectMany(f => QuotaWindowNames.Windows.Select(w => QuotaWindowNames.BucketId(f, w)))];

    /// <summary>Every key a reading can hold.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Windows, Image];

    /// <summary>The two window keys of a family.</summary>
    public static IReadOnlyList<string> WindowsOf(string family) =>
        [QuotaWindowNames.BucketId(family, QuotaWindowNames.FiveHour), QuotaWindowNames.BucketId(family, QuotaWindowNames.Weekly)];

    /// <summary>The window keys a route spends (none for images and the gemini-cli pool).</summary>
    public static IReadOnlyList<string> For(ModelRoute route) => route.QuotaFamily is { } family ? WindowsOf(family) : [];

    public static bool IsWindow(string key) => Windows.Contains(key, StringComparer.Ordinal);

    /// <summary><see cref="QuotaWindowNames.Weekly"/> or <see cref="QuotaWindowNames.FiveHour"/> for a window key.</summary>
    public static string WindowOf(string key) =>
        key.EndsWith(QuotaWindowNames.Weekly, StringComparison.Ordinal) ? QuotaWindowNames.Weekly : QuotaWindowNames.FiveHour;
}
