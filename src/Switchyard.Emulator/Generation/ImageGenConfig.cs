namespace Switchyard.Emulator.Generation;

/// <summary>
/// Image model rules (upstream-protocol §3.1, §7: <c>image_gen</c>, <c>imageConfig</c>, no tools, no thinking), each
/// strict by default.
/// </summary>
public sealed record ImageGenConfig
{
    /// <summary>
    /// In an antigravity envelope, an image model needs <c>requestType: image_gen</c>, and <c>image_gen</c> needs an
    /// image model.
    /// </summary>
    public bool RequireImageRequestType { get; init; } = true;

    /// <summary>An image model refuses <c>tools</c> (function declarations or search).</summary>
    public bool RejectTools { get; init; } = true;

    /// <summary>An image model refuses a <c>thinkingConfig</c>.</summary>
    public bool RejectThinking { get; init; } = true;

    /// <summary>
    /// <c>imageConfig.aspectRatio</c> must be one of <see cref="ImageSizes.AspectRatios"/> and <c>imageSize</c> one of
    /// 1K, 2K, 4K (on any model).
    /// </summary>
    public bool ValidateImageConfig { get; init; } = true;
}
