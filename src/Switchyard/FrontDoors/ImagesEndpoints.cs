using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Models;
using Switchyard.Protocols.OpenAI;
using Switchyard.RequestLog;
using Switchyard.Scheduling;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>
/// <c>POST /v1/images/generations</c> (JSON) and <c>POST /v1/images/edits</c> (multipart form as the OpenAI SDKs send
/// it: <c>image</c> or <c>image[]</c> files, <c>mask</c>, <c>prompt</c>…; or JSON with <c>images[].image_url</c> data
/// URLs) on the upstream's image models. One upstream call per image (<c>n</c>), through the account pool like every
/// door; a failure of any answers the whole request in OpenAI's envelope.
/// </summary>
internal static class ImagesEndpoints
{
    private static readonly IProtocolErrors s_errors = ImagesProtocolErrors.Instance;

    public static void MapImages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/images/generations", GenerationsAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
        app.MapPost("/v1/images/edits", EditsAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
    }

    private static async Task GenerationsAsync(HttpContext http, FrontDoor door, ModelResolver models, IOptionsMonitor<ImagesOptions> options)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!ImagesTranslator.TryRead(body, out var request, out var invalid)
            || (invalid = ImagesTranslator.Validate(request, edit: false, options.CurrentValue.MaxImages)) is not null)
        {
            await FrontDoor.WriteErrorAsync(http, OpenAIProtocolErrors.From(invalid!));
            return;
        }

        await GenerateAsync(http, door, models, options.CurrentValue, request);
    }

    private static async Task EditsAsync(HttpContext http, FrontDoor door, ModelResolver models, IOptionsMonitor<ImagesOptions> options, IOptions<ServerOptions> server)
    {
        ImagesRequest? request;
        if (http.Request.HasFormContentType)
        {
            request = await ReadFormAsync(http, door, server.Value.MaxRequestBodyBytes);
            if (request is null)
            {
                return;
            }
        }
        else
        {
            if (await door.ReadBodyAsync(http, s_errors) is not { } body)
            {
                return;
            }

            if (!ImagesTranslator.TryRead(body, out request, out var unreadable))
            {
                await FrontDoor.WriteErrorAsync(http, OpenAIProtocolErrors.From(unreadable));
                return;
            }
        }

        if (ImagesTranslator.Validate(request, edit: true, options.CurrentValue.MaxImages) is { } invalid)
        {
            await FrontDoor.WriteErrorAsync(http, OpenAIProtocolErrors.From(invalid));
            return;
        }

        await GenerateAsync(http, door, models, options.CurrentValue, request);
    }

    private static async Task GenerateAsync(HttpContext http, FrontDoor door, ModelResolver models, ImagesOptions options, ImagesRequest request)
    {
        if (ImageRoute(models, options, request.Model) is not { } route)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(400, $"The image model '{options.Model}' (Images:Model) is not an image model known to this gateway."));
            return;
        }

        if (RequestTrace.Of(http) is { } trace)
        {
            trace.RequestedModel = request.Model ?? "";
            trace.MappedModel = route.UpstreamModel;
        }

        var session = new SessionKeyInputs("images", OpenAIUser: request.User, UserMessages: [request.Prompt!]);
        var created = door.Time.GetUtcNow();
        var images = new List<(Blob, string)>();
        var usage = new List<UsageMetadata?>();
        for (var i = 0; i < (request.N ?? 1); i++)
        {
            using var attempt = await door.GenerateAsync(http, s_errors, route, ctx => ImagesTranslator.ToUpstream(request, ctx), session);
            if (attempt is null)
            {
                return;
            }

            var envelope = await attempt.ReadEnvelopeAsync(http.RequestAborted);
            var (blobs, text, finish) = ImagesTranslator.Read(envelope?.Response);
            if (blobs.Count == 0)
            {
                var refused = finish is "SAFETY" or "IMAGE_SAFETY" or "PROHIBITED_CONTENT" or "BLOCKLIST" or "RECITATION";
                await FrontDoor.WriteErrorAsync(http, refused
                    ? OpenAIProtocolErrors.From(OpenAIErrors.Invalid("The image was refused by the upstream's safety system.", "prompt", "content_policy_violation"))
                    : s_errors.Create(502, "The upstream answered without an image" + (text.Length > 0 ? $": {Cut(text)}" : ".")));
                return;
            }

            images.AddRange(blobs.Select(b => (b, text)));
            usage.Add(envelope?.Response?.UsageMetadata);
        }

        await FrontDoor.WriteJsonAsync(http, ImagesTranslator.ToJson(ImagesTranslator.FromUpstream(images, usage, request, created)));
    }

    /// <summary>The request's image model, else <see cref="ImagesOptions.Model"/>; null when that is no image model either.</summary>
    private static ModelRoute? ImageRoute(ModelResolver models, ImagesOptions options, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested) && models.Resolve(requested) is { Found: true, Route: { ImageGeneration: true } route })
        {
            return route;
        }

        var fallback = models.Resolve(options.Model);
        return fallback is { Found: true, Route: { ImageGeneration: true } configured }
            ? configured with { RequestedModel = string.IsNullOrWhiteSpace(requested) ? options.Model : requested }
            : null;
    }

    /// <summary>
    /// The multipart form of an edit as a request; null after a 400, 413 or 503 has been written. The body is read
    /// whole within the body limit and the buffering budget first (as every door reads), then parsed from memory.
    /// </summary>
    private static async Task<ImagesRequest?> ReadFormAsync(HttpContext http, FrontDoor door, long limit)
    {
        if (await door.ReadUploadAsync(http, s_errors) is not { } body)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            http.Request.Body = new MemoryStream(body, writable: false);
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = (int)Math.Min(limit, int.MaxValue) }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(ex is BadHttpRequestException { StatusCode: 413 } ? 413 : 400, "The multipart form could not be read: " + ex.GetType().Name + "."));
            return null;
        }

        var request = new ImagesRequest
        {
            Model = Field(form, "model"),
            Prompt = Field(form, "prompt"),
            Size = Field(form, "size"),
            Quality = Field(form, "quality"),
            ResponseFormat = Field(form, "response_format"),
            OutputFormat = Field(form, "output_format"),
            Background = Field(form, "background"),
            User = Field(form, "user"),
            AspectRatio = Field(form, "aspect_ratio"),
            ImageSize = Field(form, "image_size"),
        };
        if (Field(form, "n") is { } n)
        {
            if (!int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                await FrontDoor.WriteErrorAsync(http, OpenAIProtocolErrors.From(OpenAIErrors.Invalid($"Invalid value '{n}': n must be an integer.", "n")));
                return null;
            }

            request.N = count;
        }

        foreach (var file in form.Files)
        {
            var blob = await ReadFileAsync(file, http.RequestAborted);
            if (file.Name == "mask")
            {
                request.Mask = blob;
            }
            else if (file.Name is "image" or "image[]")
            {
                request.InputImages.Add(blob);
            }
        }

        return request;
    }

    private static async Task<Blob> ReadFileAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return new Blob { MimeType = MimeOf(file.ContentType, bytes), Data = Convert.ToBase64String(bytes) };
    }

    /// <summary>The declared image type, else sniffed from the first bytes (SDKs often send application/octet-stream).</summary>
    private static string MimeOf(string? declared, byte[] bytes)
    {
        if (declared is { } d && d.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return d.ToLowerInvariant();
        }

        return bytes switch
        {
            [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
            [0xFF, 0xD8, ..] => "image/jpeg",
            [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
            [0x47, 0x49, 0x46, ..] => "image/gif",
            _ => "image/png",
        };
    }

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
