using System.Net.ServerSentEvents;
using System.Text.Json;
using Switchyard.Dispatch;
using Switchyard.Protocols.Gemini;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c>, <c>:streamGenerateContent</c> (<c>alt=sse</c>) and
/// <c>:countTokens</c>, also under <c>/v1/models/</c>. The model segment carries the method after its last ':'.
/// </summary>
internal static class GeminiEndpoints
{
    private static readonly IProtocolErrors s_errors = GeminiProtocolErrors.Instance;

    public static void MapGemini(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1beta/models/{*rest}", ModelMethodAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
        app.MapPost("/v1/models/{*rest}", ModelMethodAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
    }

    private static async Task ModelMethodAsync(HttpContext http, FrontDoor door, string rest)
    {
        var colon = rest.LastIndexOf(':');
        if (colon <= 0)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(404, $"No method in 'models/{rest}'; expected models/{{model}}:generateContent."));
            return;
        }

        var model = rest[..colon];
        var method = rest[(colon + 1)..];
        switch (method)
        {
            case "generateContent":
                await GenerateAsync(http, door, model, stream: false);
                break;
            case "streamGenerateContent":
                await GenerateAsync(http, door, model, stream: true);
                break;
            case "countTokens":
                await CountTokensAsync(http, door, model);
                break;
            default:
                await FrontDoor.WriteErrorAsync(http, s_errors.Create(404, $"Method '{method}' is not supported; use generateContent, streamGenerateContent or countTokens."));
                break;
        }
    }

    private static async Task GenerateAsync(HttpContext http, FrontDoor door, string model, bool stream)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!GeminiTranslator.TryParse(body, out var request, out var invalid))
        {
            await FrontDoor.WriteErrorAsync(http, GeminiProtocolErrors.From(invalid));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, model) is not { } route)
        {
            return;
        }

        UpstreamEnvelope Translate(TranslationContext ctx) => GeminiTranslator.ToUpstream(request, ctx);
        var session = SessionInputs.Gemini(http, request.Contents);
        if (stream)
        {
            using var opened = await door.StreamAsync(http, s_errors, route, Translate, session);
            if (opened is null)
            {
                return;
            }

            var events = GeminiTranslator.FromUpstreamStreamAsync(opened.Events, opened.Attempt.Context, http.RequestAborted);
            if (string.Equals(http.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase))
            {
                await SseResponse.WriteAsync(http, events, ex => GeminiErrors.ToStreamEvent(GeminiErrors.ForStatus(SessionRecovery.StatusOf(ex), door.StreamCut(http, "gemini", ex))));
            }
            else
            {
                await WriteArrayAsync(http, door, events);
            }

            return;
        }

        using var attempt = await door.GenerateAsync(http, s_errors, route, Translate, session);
        if (attempt is null)
        {
            return;
        }

        var envelope = await attempt.ReadEnvelopeAsync(http.RequestAborted);
        if (envelope is null)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(502, "The upstream returned a body that is not a generateContent response."));
            return;
        }

        await FrontDoor.WriteJsonAsync(http, GeminiTranslator.ToJson(GeminiTranslator.FromUpstream(envelope, attempt.Context)));
    }

    /// <summary>
    /// streamGenerateContent without <c>alt=sse</c>: Google answers one JSON array of the same responses. It is
    /// collected before anything is written, so an upstream failure is still a plain error response.
    /// </summary>
    private static async Task WriteArrayAsync(HttpContext http, FrontDoor door, IAsyncEnumerable<SseItem<string>> events)
    {
        var items = new List<string>();
        try
        {
            await foreach (var item in events)
            {
                items.Add(item.Data);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or JsonException or UpstreamStreamException)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(SessionRecovery.StatusOf(ex), door.StreamFailed("gemini", ex)));
            return;
        }

        await FrontDoor.WriteJsonAsync(http, "[" + string.Join(",", items) + "]");
    }

    private static async Task CountTokensAsync(HttpContext http, FrontDoor door, string model)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!GeminiTranslator.TryParseCountTokens(body, out var request, out var invalid))
        {
            await FrontDoor.WriteErrorAsync(http, GeminiProtocolErrors.From(invalid));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, model) is not { } route)
        {
            return;
        }

        using var attempt = await door.CountTokensAsync(http, s_errors, route,
            ctx => new UpstreamEnvelope { Model = ctx.Route.UpstreamModel, Request = GeminiTranslator.CountTokensToUpstream(request, ctx).Request },
            SessionInputs.Gemini(http, request.GenerateContentRequest?.Contents ?? request.Contents));
        if (attempt is null)
        {
            return;
        }

        if (await attempt.ReadCountAsync(http.RequestAborted) is not { } counted)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(502, "The upstream returned a body that is not a countTokens response."));
            return;
        }

        await FrontDoor.WriteJsonAsync(http, GeminiTranslator.ToJson(GeminiTranslator.CountTokensFromUpstream(counted)));
    }
}
