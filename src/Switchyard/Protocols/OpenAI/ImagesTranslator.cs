using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.OpenAI;

/// <summary>
/// OpenAI's images API ↔ the upstream's image models. One upstream call per image: the prompt (after the images to edit
/// and the mask, for edits) as one user turn, <c>responseModalities</c> TEXT and IMAGE, and <c>imageConfig</c> from the
/// size (<see cref="ImageSizing"/>); <c>requestType</c> image_gen. Each image comes back as <c>b64_json</c>, or as a
/// <c>data:</c> URL in <c>url</c> when the client asked for <c>response_format: url</c> (the gateway hosts no files); any
/// text the model wrote with it is the <c>revised_prompt</c>. Static, no clock, no DI.
/// </summary>
internal static class ImagesTranslator
{
    public const int MaxPromptChars = 32_000;
    public const string MaskNote = "The last image is a mask: change only the areas where the mask is transparent, keep the rest.";

    private static readonly HashSet<string> ResponseFormats = new(StringComparer.Ordinal) { "b64_json", "url" };
    private static readonly HashSet<string> OutputFormats = new(StringComparer.Ordinal) { "png", "jpeg", "webp" };

    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out ImagesRequest? request, [NotNullWhen(false)] out OpenAIError? error)
    {
        request = null;
        try
        {
            request = JsonSerializer.Deserialize(body, OpenAIJsonContext.Default.ImagesRequest);
        }
        catch (JsonException e)
        {
            error = OpenAIErrors.Invalid(
                e.Path is { Length: > 2 } path ? $"Invalid type or value for '{path[2..]}'." : "The request body is not a valid JSON object.",
                e.Path is { Length: > 2 } p ? p[2..] : null);
            return false;
        }

        if (request is null)
        {
            error = OpenAIErrors.Invalid("The request body must be a JSON object.");
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A 400 naming the first bad field, or null. Edits also need at least one image.</summary>
    public static OpenAIError? Validate(ImagesRequest request, bool edit, int maxImages)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return OpenAIErrors.Invalid("'prompt' is required: describe the image.", "prompt");
        }

        if (request.Prompt.Length > MaxPromptChars)
        {
            return OpenAIErrors.Invalid($"'prompt' is longer than {MaxPromptChars} characters.", "prompt");
        }

        if (request.N is { } n && (n < 1 || n > maxImages))
        {
            return OpenAIErrors.Invalid($"'n' must be between 1 and {maxImages}.", "n");
        }

        if (request.Size is { } size && size != "auto" && !ImageSizing.TryParse(size, out _, out _))
        {
            return OpenAIErrors.Invalid($"Invalid value '{size}': size must be WIDTHxHEIGHT (such as 1024x1024, 1536x1024, 1024x1536) or auto.", "size");
        }

        if (request.ResponseFormat is { } format && !ResponseFormats.Contains(format))
        {
            return OpenAIErrors.Invalid($"Invalid value '{format}': response_format must be b64_json or url.", "response_format");
        }

        if (request.OutputFormat is { } output && !OutputFormats.Contains(output))
        {
            return OpenAIErrors.Invalid($"Invalid value '{output}': output_format must be png, jpeg or webp.", "output_format");
        }

        if (request.AspectRatio is { } ratio && !ImageSizing.AspectRatios.Contains(ratio))
        {
            return OpenAIErrors.Invalid($"Invalid value '{ratio}': aspect_ratio must be one of {string.Join(", ", ImageSizing.AspectRatios)}.", "aspect_ratio");
        }

        if (request.ImageSize is { } imageSize && !ImageSizing.ImageSizes.Contains(imageSize))
        {
            return OpenAIErrors.Invalid($"Invalid value '{imageSize}': image_size must be 1K, 2K or 4K.", "image_size");
        }

        if (!edit)
        {
            return null;
        }

        for (var i = 0; i < (request.Images?.Count ?? 0); i++)
        {
            var url = request.Images![i]?.ImageUrl;
            if (url is null || !OpenAITranslator.TryParseDataUrl(url, out var mime, out var data))
            {
                return OpenAIErrors.Invalid("Each image must be {\"image_url\": \"data:<mime>;base64,…\"}; file ids and web URLs are not supported.", $"images[{i}].image_url");
            }

            request.InputImages.Add(new Blob { MimeType = mime, Data = data });
        }

        return request.InputImages.Count == 0 ? OpenAIErrors.Invalid("An edit needs at least one image ('image').", "image") : null;
    }

    public static UpstreamEnvelope ToUpstream(ImagesRequest request, TranslationContext ctx)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(ctx);
        var parts = request.InputImages.Select(b => new Part { InlineData = b }).ToList();
        var prompt = request.Prompt!;
        if (request.Mask is { } mask)
        {
            parts.Add(new Part { InlineData = mask });
            prompt = MaskNote + "\n\n" + prompt;
        }

        parts.Add(new Part { Text = prompt });
        return new UpstreamEnvelope
        {
            Project = ctx.Project,
            Model = ctx.Route.UpstreamModel,
            RequestType = UpstreamRequestTypes.For(ctx.Route, null),
            UserAgent = "antigravity",
            RequestId = ctx.RequestId,
            Request = new UpstreamRequest
            {
                Contents = [new Content { Role = "user", Parts = parts }],
                GenerationConfig = new GenerationConfig
                {
                    CandidateCount = 1,
                    ResponseModalities = ["TEXT", "IMAGE"],
                    ImageConfig = ImageSizing.For(request),
                },
                SessionId = ctx.SessionId,
            },
        };
    }

    /// <summary>The images of one upstream reply (usually one) and the text beside them.</summary>
    public static (List<Blob> Images, string Text, string? FinishReason) Read(GenerateContentResponse? response)
    {
        var candidate = response?.Candidates?.FirstOrDefault();
        var parts = candidate?.Content?.Parts ?? [];
        var text = new StringBuilder();
        foreach (var part in parts.Where(p => p.Thought != true && p.Text is not null))
        {
            text.Append(part.Text);
        }

        return ([.. parts.Where(p => p.Thought != true && p.InlineData is not null).Select(p => p.InlineData!)], text.ToString().Trim(), candidate?.FinishReason);
    }

    /// <summary>The images response for every reply's images, in order.</summary>
    public static ImagesResponse FromUpstream(IReadOnlyList<(Blob Image, string Text)> images, IReadOnlyList<UsageMetadata?> usage, ImagesRequest request, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(request);
        var url = request.ResponseFormat == "url";
        var input = usage.Sum(u => u?.PromptTokenCount ?? 0);
        var output = usage.Sum(u => u?.CandidatesTokenCount ?? 0);
        var mime = images.Count > 0 ? images[0].Image.MimeType : "image/png";
        return new ImagesResponse
        {
            Created = created.ToUnixTimeSeconds(),
            Data = [.. images.Select(i => new ImageData
            {
                B64Json = url ? null : i.Image.Data,
                Url = url ? $"data:{i.Image.MimeType};base64,{i.Image.Data}" : null,
                RevisedPrompt = i.Text.Length > 0 ? i.Text : null,
            })],
            Background = request.Background,
            OutputFormat = mime.StartsWith("image/", StringComparison.Ordinal) ? mime["image/".Length..] : mime,
            Quality = request.Quality,
            Size = request.Size,
            Usage = new ImagesUsage
            {
                InputTokens = input,
                OutputTokens = output,
                TotalTokens = input + output,
                InputTokensDetails = new ImagesInputTokensDetails { TextTokens = input, ImageTokens = 0 },
            },
        };
    }

    public static string ToJson(ImagesResponse response) => OpenAIJsonContext.Write(response);
}
