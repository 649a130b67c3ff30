using System.Text.Json;
using Switchyard.Models;
using Switchyard.Quota;

namespace Switchyard.FrontDoors;

/// <summary>
/// <c>GET /v1/models</c>: one object that satisfies both the OpenAI and the Anthropic SDKs, or Gemini's shape when
/// the client authenticates the Gemini way (<c>x-goog-api-key</c> or <c>?key=</c>); <c>GET /v1beta/models</c>: Gemini's.
/// Each lists what the pool really serves (the accounts' live catalogues), or the built-in list before any was read.
/// </summary>
internal static class ModelsEndpoints
{
    private const long CreatedUnix = 1_735_689_600; // 2025-01-01T00:00:00Z: a fixed date, the upstream gives none.
    private const string CreatedAt = "2025-01-01T00:00:00Z";
    private static readonly string[] s_geminiMethods = ["generateContent", "streamGenerateContent", "countTokens"];

    public static void MapModels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", ListAsync).AddEndpointFilter(new ClientAuthFilter(ErrorsFor));
        app.MapGet("/v1beta/models", (HttpContext http, ModelCatalogView catalog, QuotaService quota) => GeminiAsync(http, Entries(catalog, quota)))
            .AddEndpointFilter(new ClientAuthFilter(GeminiProtocolErrors.Instance));
        app.MapGet("/v1/models/{id}", GetAsync).AddEndpointFilter(new ClientAuthFilter(ErrorsFor));
        app.MapGet("/v1beta/models/{id}", (HttpContext http, string id, ModelCatalogView catalog, QuotaService quota) => GetGeminiAsync(http, id, Entries(catalog, quota)))
            .AddEndpointFilter(new ClientAuthFilter(GeminiProtocolErrors.Instance));

        // Claude Code's connectivity probe (sent only when nonessential traffic is on): answer at once.
        app.MapMethods("/api/hello", [HttpMethods.Head, HttpMethods.Get], () => TypedResults.Ok());
    }

    /// <summary>The live list when some account's catalogue was read, else the built-in one.</summary>
    private static IReadOnlyList<ModelCatalogEntry> Entries(ModelCatalogView catalog, QuotaService quota) => catalog.Live(quota.ServedModels());

    private static ModelCatalogEntry? Find(IReadOnlyList<ModelCatalogEntry> catalog, string id)
    {
        var name = id.StartsWith("models/", StringComparison.OrdinalIgnoreCase) ? id["models/".Length..] : id;
        return catalog.FirstOrDefault(e => string.Equals(e.Id, name, StringComparison.OrdinalIgnoreCase));
    }

    private static Task GetAsync(HttpContext http, string id, ModelCatalogView view, QuotaService quota)
    {
        var catalog = Entries(view, quota);
        if (IsGemini(http.Request))
        {
            return GetGeminiAsync(http, id, catalog);
        }

        if (Find(catalog, id) is not { } e)
        {
            return FrontDoor.WriteErrorAsync(http, ErrorsFor(http).Create(StatusCodes.Status404NotFound, $"The model '{id}' does not exist."));
        }

        var item = new ModelListItem(e.Id, "model", CreatedUnix, OwnerOf(e.Family), "model", e.DisplayName, CreatedAt);
        return FrontDoor.WriteJsonAsync(http, JsonSerializer.Serialize(item, FrontDoorJsonContext.Default.ModelListItem));
    }

    private static Task GetGeminiAsync(HttpContext http, string id, IReadOnlyList<ModelCatalogEntry> catalog)
    {
        if (Find(catalog, id) is not { } e)
        {
            return FrontDoor.WriteErrorAsync(http, GeminiProtocolErrors.Instance.Create(StatusCodes.Status404NotFound, $"models/{id} is not found."));
        }

        var item = new GeminiModelItem("models/" + e.Id, e.DisplayName, e.ContextWindow, e.MaxOutputTokens, s_geminiMethods);
        return FrontDoor.WriteJsonAsync(http, JsonSerializer.Serialize(item, FrontDoorJsonContext.Default.GeminiModelItem));
    }

    private static bool IsGemini(HttpRequest request) =>
        request.Headers.ContainsKey("x-goog-api-key") || request.Query.ContainsKey("key");

    private static IProtocolErrors ErrorsFor(HttpContext http) => FrontDoorRoutes.ByCredentials(http.Request);

    private static Task ListAsync(HttpContext http, ModelCatalogView view, QuotaService quota)
    {
        var catalog = Entries(view, quota);
        if (IsGemini(http.Request))
        {
            return GeminiAsync(http, catalog);
        }

        var items = catalog
            .Select(e => new ModelListItem(e.Id, "model", CreatedUnix, OwnerOf(e.Family), "model", e.DisplayName, CreatedAt))
            .ToList();
        var list = new ModelList("list", items, false, items.FirstOrDefault()?.Id, items.LastOrDefault()?.Id);
        return FrontDoor.WriteJsonAsync(http, JsonSerializer.Serialize(list, FrontDoorJsonContext.Default.ModelList));
    }

    private static Task GeminiAsync(HttpContext http, IReadOnlyList<ModelCatalogEntry> catalog)
    {
        var models = catalog
            .Select(e => new GeminiModelItem("models/" + e.Id, e.DisplayName, e.ContextWindow, e.MaxOutputTokens, s_geminiMethods))
            .ToList();
        return FrontDoor.WriteJsonAsync(http, JsonSerializer.Serialize(new GeminiModelList(models), FrontDoorJsonContext.Default.GeminiModelList));
    }

    private static string OwnerOf(ModelFamily family) => family switch
    {
        ModelFamily.Claude => "anthropic",
        ModelFamily.Gemini => "google",
        _ => "openai",
    };
}
