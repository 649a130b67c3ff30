using System.Text.Json.Nodes;
using Switchyard.Emulator.Validation;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// What an image reply honours of <c>generationConfig</c>: <c>responseModalities</c> (without <c>TEXT</c> the reply has
/// no text part, without <c>IMAGE</c> no image) and <c>imageConfig</c> (the PNG's size, by <see cref="ImageSizes"/>).
/// </summary>
internal static class ImageReply
{
    /// <summary>Drops the text or the image the request's <c>responseModalities</c> leave out (image models only).</summary>
    public static (ReplyPlan Plan, ModelStyle Style) ApplyModalities(ReplyPlan plan, ModelStyle style, JsonObject request)
    {
        if (!style.Image || Generation(request) is not { } generation
            || RequestJson.Field(generation, "responseModalities") is not JsonArray { Count: > 0 } modalities)
        {
            return (plan, style);
        }

        var names = modalities.Select(m => RequestJson.String(m)?.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        if (!names.Contains("TEXT"))
        {
            plan = plan with { Text = null };
        }

        if (!names.Contains("IMAGE"))
        {
            plan = plan with { Image = false };
            style = style with { Image = false };
        }

        return (plan, style);
    }

    /// <summary>
    /// On an image model, replaces each inlineData part's data by a PNG of the requested size, coloured by the prompt.
    /// (An <c>[[emu:image]]</c> directive on another model keeps the canned 1×1 PNG.)
    /// </summary>
    public static void Render(Turn turn, ModelStyle style, JsonObject request, string? userText)
    {
        if (!style.Image)
        {
            return;
        }

        var images = turn.Parts.Select(p => p["inlineData"] as JsonObject).OfType<JsonObject>().ToList();
        if (images.Count == 0)
        {
            return;
        }

        var config = RequestJson.Field(Generation(request), "imageConfig") as JsonObject;
        var (width, height) = ImageSizes.For(
            RequestJson.String(RequestJson.Field(config, "aspectRatio")),
            RequestJson.String(RequestJson.Field(config, "imageSize")));
        var data = ImagePng.CreateBase64(width, height, userText ?? "");
        foreach (var image in images)
        {
            image["data"] = data;
        }
    }

    private static JsonObject? Generation(JsonObject request) => RequestJson.Field(request, "generationConfig") as JsonObject;
}
