using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Validation;

namespace Switchyard.Emulator.Generation;

/// <summary>
/// Search grounding and image model rules, after the other validation (spec §8.2 step 8), each behind its
/// <see cref="SearchConfig"/> or <see cref="ImageGenConfig"/> toggle. The search-with-functions rule stays with
/// <see cref="StructureRules"/>. Texts are Google's plain INVALID_ARGUMENT style.
/// </summary>
internal static class ToolRules
{
    public const string SearchNotSupported = "Search Grounding is not supported.";
    public const string SearchRetrievalNotSupported = "google_search_retrieval is not supported. Please use google_search tool instead.";
    public const string ToolsOnImageModel = "Function calling and search tools are not supported by this model.";
    public const string ThinkingOnImageModel = "Thinking is not supported by this model.";

    public static string InvalidAspectRatio(string value) =>
        $"Unsupported aspect ratio \"{value}\". Supported values: {string.Join(", ", ImageSizes.AspectRatios)}.";

    public static string InvalidImageSize(string value) =>
        $"Unsupported image size \"{value}\". Supported values: {string.Join(", ", ImageSizes.ImageSizeNames)}.";

    public static EmulatorReply? Check(CloudCodeCall call)
    {
        if (call.Body["request"] is not JsonObject request || call.Model is not { } model)
        {
            return null;
        }

        var rejection = Search(call, request, model) ?? Image(call, request, model);
        if (rejection is null)
        {
            return null;
        }

        call.Entry.Outcome = rejection.Rule;
        return rejection.Reply;
    }

    /// <summary>Whether the request declares the <c>googleSearch</c> tool (either spelling).</summary>
    public static bool HasSearch(JsonObject request) =>
        Tools(request).Any(t => RequestJson.Has(t, "googleSearch"));

    private static ValidationRejection? Search(CloudCodeCall call, JsonObject request, ModelInfo model)
    {
        var config = call.Config.Search;
        var tools = Tools(request).ToList();
        if (config.RejectSearchRetrieval && tools.Any(t => RequestJson.Has(t, "googleSearchRetrieval")))
        {
            return ValidationRejection.Google("search-retrieval", SearchRetrievalNotSupported);
        }

        var search = tools.Any(t => RequestJson.Has(t, "googleSearch"));
        var requestType = RequestType(call.Body);
        if (config.RequireWebSearchRequestType && requestType is not null && search != (requestType == "web_search"))
        {
            return ValidationRejection.Google("search-request-type", Rejections.InvalidArgument);
        }

        return search && config.RequireSearchModel && !config.Models.Contains(model.Id, StringComparer.Ordinal)
            ? ValidationRejection.Google("search-model", SearchNotSupported)
            : null;
    }

    private static ValidationRejection? Image(CloudCodeCall call, JsonObject request, ModelInfo model)
    {
        var config = call.Config.Images;
        var requestType = RequestType(call.Body);
        if (config.RequireImageRequestType && requestType is not null && model.Image != (requestType == "image_gen"))
        {
            return ValidationRejection.Google("image-request-type", Rejections.InvalidArgument);
        }

        if (model.Image && config.RejectTools && Tools(request).Any())
        {
            return ValidationRejection.Google("image-tools", ToolsOnImageModel);
        }

        var generation = RequestJson.Field(request, "generationConfig") as JsonObject;
        if (model.Image && config.RejectThinking && RequestJson.Field(generation, "thinkingConfig") is not null)
        {
            return ValidationRejection.Google("image-thinking", ThinkingOnImageModel);
        }

        if (!config.ValidateImageConfig || RequestJson.Field(generation, "imageConfig") is not JsonObject image)
        {
            return null;
        }

        var ratio = RequestJson.Field(image, "aspectRatio");
        if (ratio is not null && (RequestJson.String(ratio) is not { } r || !ImageSizes.IsAspectRatio(r)))
        {
            return ValidationRejection.Google("image-config", InvalidAspectRatio(RequestJson.String(ratio) ?? ratio.ToJsonString()));
        }

        var size = RequestJson.Field(image, "imageSize");
        return size is not null && (RequestJson.String(size) is not { } s || !ImageSizes.IsImageSize(s))
            ? ValidationRejection.Google("image-config", InvalidImageSize(RequestJson.String(size) ?? size.ToJsonString()))
            : null;
    }

    private static IEnumerable<JsonObject> Tools(JsonObject request) =>
        (RequestJson.Field(request, "tools") as JsonArray ?? []).OfType<JsonObject>();

    private static string? RequestType(JsonObject body) => RequestJson.String(RequestJson.Field(body, "requestType"));
}
