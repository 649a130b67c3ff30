namespace Switchyard.Models;

/// <summary>
/// Model groups, buckets and quota families. A group is what session binding and short rate limits count by; a
/// family is what the upstream's quota windows count by (upstream-2026 §1.4): <c>gemini</c> (Pro and Flash text
/// models) and <c>3p</c> (Claude and GPT-OSS), each with a 5 h and a weekly window. Image models keep a bucket of
/// their own outside the families.
/// </summary>
internal static class ModelGroups
{
    public const string Claude = "claude";
    public const string GeminiPro = "gemini-pro";
    public const string GeminiFlash = "gemini-flash";
    public const string Image = "image";
    public const string GptOss = "gpt-oss";

    public const string ImageFlashBucket = "image-flash";

    /// <summary>The quota family of Gemini text models.</summary>
    public const string GeminiFamily = "gemini";

    /// <summary>The quota family of Claude and GPT-OSS ("third party").</summary>
    public const string ThirdPartyFamily = "3p";

    /// <summary>The quota family of a group, or null for groups outside the families (images).</summary>
    public static string? FamilyOf(string group) => group switch
    {
        Claude or GptOss => ThirdPartyFamily,
        GeminiPro or GeminiFlash => GeminiFamily,
        _ => null,
    };
}
