namespace Switchyard.Emulator.Generation;

/// <summary>
/// Pixel sizes of a generated image by <c>imageConfig.aspectRatio</c> and <c>imageSize</c>. The references name the
/// two fields and the values <c>1:1</c>, <c>16:9</c>, <c>1K</c>, <c>2K</c>, <c>4K</c>; the emulator takes the ten ratios
/// image models are documented with, at about 1024 pixels on the long side for 1K (1024 × 1024 at 1:1, 1376 × 768 at
/// 16:9); 2K and 4K double and quadruple each side. Defaults: 1:1 and 1K.
/// </summary>
internal static class ImageSizes
{
    public const string DefaultAspectRatio = "1:1";
    public const string DefaultImageSize = "1K";

    private static readonly Dictionary<string, (int Width, int Height)> OneK = new(StringComparer.Ordinal)
    {
        ["1:1"] = (1024, 1024),
        ["2:3"] = (848, 1264),
        ["3:2"] = (1264, 848),
        ["3:4"] = (896, 1200),
        ["4:3"] = (1200, 896),
        ["4:5"] = (928, 1152),
        ["5:4"] = (1152, 928),
        ["9:16"] = (768, 1376),
        ["16:9"] = (1376, 768),
        ["21:9"] = (1584, 672),
    };

    private static readonly Dictionary<string, int> Scales = new(StringComparer.Ordinal) { ["1K"] = 1, ["2K"] = 2, ["4K"] = 4 };

    public static IReadOnlyCollection<string> AspectRatios => OneK.Keys;

    public static IReadOnlyCollection<string> ImageSizeNames => Scales.Keys;

    public static bool IsAspectRatio(string value) => OneK.ContainsKey(value);

    public static bool IsImageSize(string value) => Scales.ContainsKey(value);

    /// <summary>Width and height for the pair; unknown values fall back to the defaults (validation refuses them first).</summary>
    public static (int Width, int Height) For(string? aspectRatio, string? imageSize)
    {
        var (width, height) = OneK.GetValueOrDefault(aspectRatio ?? DefaultAspectRatio, OneK[DefaultAspectRatio]);
        var scale = Scales.GetValueOrDefault(imageSize ?? DefaultImageSize, 1);
        return (width * scale, height * scale);
    }
}
