using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>/v1/images/edits</c> (multipart form or JSON with <c>images</c>).
/// <c>aspect_ratio</c> and <c>image_size</c> are the gateway's own extras, the upstream's imageConfig by name.
/// </summary>
internal sealed record ImagesRequest
{
    public string? Model { get; set; }
    public string? Prompt { get; set; }
    public int? N { get; set; }

    /// <summary><c>WIDTHxHEIGHT</c> (e.g. 1024x1024, 1536x1024) or <c>auto</c>.</summary>
    public string? Size { get; set; }

    /// <summary>Accepted and echoed; the upstream has no quality setting.</summary>
    public string? Quality { get; set; }

    /// <summary><c>b64_json</c> (default) or <c>url</c> (answered with a <c>data:</c> URL: the gateway hosts no files).</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>png, jpeg or webp; the upstream answers PNG, which is what comes back.</summary>
    public string? OutputFormat { get; set; }
    public string? Background { get; set; }
    public string? Style { get; set; }
    public string? User { get; set; }
    public string? AspectRatio { get; set; }
    public string? ImageSize { get; set; }

    /// <summary>Edits as JSON: the images to edit, each <c>{image_url: "data:…"}</c>.</summary>
    public List<ImagesInputImage>? Images { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The images to edit, read from the form or from <see cref="Images"/> (edits only).</summary>
    [JsonIgnore]
    public List<Blob> InputImages { get; set; } = [];

    /// <summary>The edit mask, if one was sent.</summary>
    [JsonIgnore]
    public Blob? Mask { get; set; }
}

internal sealed record ImagesInputImage
{
    public string? ImageUrl { get; set; }
    public string? FileId { get; set; }
}

/// <summary>The images response: <c>{created, data:[{b64_json | url, revised_prompt?}], size, output_format, quality, usage}</c>.</summary>
internal sealed record ImagesResponse
{
    public long Created { get; init; }
    public required List<ImageData> Data { get; init; }
    public string? Background { get; init; }
    public string? OutputFormat { get; init; }
    public string? Quality { get; init; }
    public string? Size { get; init; }
    public ImagesUsage? Usage { get; init; }
}

internal sealed record ImageData
{
    public string? B64Json { get; init; }
    public string? Url { get; init; }
    public string? RevisedPrompt { get; init; }
}

internal sealed record ImagesUsage
{
    public int InputTokens { get; init; }
    public int OutputTokens { get; init; }
    public int TotalTokens { get; init; }
    public ImagesInputTokensDetails? InputTokensDetails { get; init; }
}

internal sealed record ImagesInputTokensDetails
{
    public int TextTokens { get; init; }
    public int ImageTokens { get; init; }
}
