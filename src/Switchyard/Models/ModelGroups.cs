namespace Switchyard.Models;

/// <summary>
/// Quota groups and buckets. A group is what account rotation and the dashboard count by; a bucket is the
/// upstream's own meter (upstream-protocol §7). They are equal except for images: <c>image-pro</c> and
/// <c>image-flash</c> are separate upstream buckets (an exhausted Pro image quota leaves Flash images
/// available, and the gateway never swaps one for the other) but share the <c>image</c> group, as
/// <see cref="ModelRoute.Group"/> has always promised.
/// </summary>
internal static class ModelGroups
{
    public const string Claude = "claude";
    public const string GeminiPro = "gemini-pro";
    public const string GeminiFlash = "gemini-flash";
    public const string Image = "image";
    public const string GptOss = "gpt-oss";

    public const string ImageProBucket = "image-pro";
    public const string ImageFlashBucket = "image-flash";
}
