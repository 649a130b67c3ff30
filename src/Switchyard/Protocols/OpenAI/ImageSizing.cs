using System.Globalization;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// OpenAI image sizes → the upstream's <c>imageConfig</c>. <c>WxH</c> becomes the nearest supported aspect ratio and an
/// image size by its longer side: up to 1600 px 1K, up to 3200 px 2K, beyond 4K (so 1024x1024 is 1K 1:1, 1536x1024 1K
/// 3:2, 1792x1024 2K 16:9). <c>auto</c> or none leaves the choice to the upstream. <c>aspect_ratio</c>/<c>image_size</c>
/// given as such win.
/// </summary>
internal static class ImageSizing
{
    public static readonly IReadOnlyList<string> AspectRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
    public static readonly IReadOnlyList<string> ImageSizes = ["1K", "2K", "4K"];

    /// <summary>Parses <c>WIDTHxHEIGHT</c> (positive, at most 8192 each).</summary>
    public static bool TryParse(string size, out int width, out int height)
    {
        ArgumentNullException.ThrowIfNull(size);
        width = height = 0;
        var x = size.IndexOf('x', StringComparison.OrdinalIgnoreCase);
        return x > 0
            && int.TryParse(size.AsSpan(0, x), NumberStyles.None, CultureInfo.InvariantCulture, out width)
            && int.TryParse(size.AsSpan(x + 1), NumberStyles.None, CultureInfo.InvariantCulture, out height)
            && width is > 0 and <= 8192 && height is > 0 and <= 8192;
    }

    /// <summary>The imageConfig for a validated request, or null when it leaves the size to the upstream.</summary>
    public static ImageConfig? For(ImagesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? ratio = request.AspectRatio, imageSize = request.ImageSize;
        if (request.Size is { } size && TryParse(size, out var width, out var height))
        {
            ratio ??= NearestRatio(width, height);
            var longer = Math.Max(width, height);
            imageSize ??= longer <= 1600 ? "1K" : longer <= 3200 ? "2K" : "4K";
        }

        return ratio is null && imageSize is null ? null : new ImageConfig { AspectRatio = ratio, ImageSize = imageSize };
    }

    /// <summary>The supported ratio closest to width:height (by the logarithm of the ratio).</summary>
    public static string NearestRatio(int width, int height)
    {
        var wanted = Math.Log((double)width / height);
        return AspectRatios.MinBy(r =>
        {
            var colon = r.IndexOf(':', StringComparison.Ordinal);
            var value = double.Parse(r.AsSpan(0, colon), CultureInfo.InvariantCulture) / double.Parse(r.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            return Math.Abs(Math.Log(value) - wanted);
        })!;
    }
}
