using Switchyard.Accounts;
using Switchyard.Upstream;

namespace Switchyard.Quota;

/// <summary>Model groups that share quota, and how per-model quota folds into them.</summary>
internal static class QuotaGroups
{
    public const string Claude = "claude";
    public const string GeminiPro = "gemini-pro";
    public const string GeminiFlash = "gemini-flash";
    public const string Image = "image";
    public const string GptOss = "gpt-oss";

    public static IReadOnlyList<string> All { get; } = [Claude, GeminiPro, GeminiFlash, Image, GptOss];

    /// <summary>The group of an upstream model id, or null for models outside every group.</summary>
    public static string? Of(string modelId)
    {
        var id = modelId.ToLowerInvariant();
        if (id.StartsWith("claude", StringComparison.Ordinal))
        {
            return Claude;
        }

        if (id.StartsWith("gpt-oss", StringComparison.Ordinal))
        {
            return GptOss;
        }

        if (id.Contains("image", StringComparison.Ordinal) || id.StartsWith("imagen", StringComparison.Ordinal))
        {
            return Image;
        }

        if (id.StartsWith("gemini", StringComparison.Ordinal))
        {
            if (id.Contains("flash", StringComparison.Ordinal))
            {
                return GeminiFlash;
            }

            if (id.Contains("pro", StringComparison.Ordinal))
            {
                return GeminiPro;
            }
        }

        return null;
    }

    /// <summary>Per group: the lowest remaining fraction and the earliest reset of its models.</summary>
    public static IReadOnlyList<QuotaEntry> Summarize(IEnumerable<ModelQuota> models, DateTimeOffset now) =>
        [.. models
            .Select(m => (Group: Of(m.ModelId), Model: m))
            .Where(x => x.Group is not null)
            .GroupBy(x => x.Group!)
            .Select(g => new QuotaEntry(
                g.Key,
                g.Min(x => x.Model.RemainingFraction),
                g.Select(x => x.Model.ResetTime).Where(r => r is not null).DefaultIfEmpty(null).Min(),
                now))
            .OrderBy(e => All.ToList().IndexOf(e.Group))];
}
