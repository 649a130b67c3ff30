using Switchyard.Dispatch;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary><c>POST /v1/chat/completions</c>, streamed (<c>data:</c> chunks, then <c>[DONE]</c>) or not.</summary>
internal static class OpenAIEndpoints
{
    private static readonly IProtocolErrors s_errors = OpenAIProtocolErrors.Instance;

    public static void MapOpenAI(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", ChatCompletionsAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
    }

    private static async Task ChatCompletionsAsync(HttpContext http, FrontDoor door, WebSearchRunner search)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!OpenAITranslator.TryParse(body, out var request, out var invalid))
        {
            await FrontDoor.WriteErrorAsync(http, OpenAIProtocolErrors.From(invalid));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, request.Model!) is not { } route)
        {
            return;
        }

        route = door.Background(http, route, request.Model!, BackgroundSignals.Of(request));
        var plan = OpenAITranslator.WebSearch(request);
        var none = request.ToolChoice is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var choice) && choice == "none";
        if (plan.Mode == WebSearchMode.Native && !none && !route.ImageGeneration)
        {
            if (await search.RouteSearchOnlyAsync(http, s_errors, route) is not { } searchRoute)
            {
                return;
            }

            route = searchRoute;
        }

        var stream = request.Stream == true;
        UpstreamEnvelope Translate(TranslationContext ctx) => OpenAITranslator.ToUpstream(request, ctx);
        var session = SessionInputs.OpenAI(http, request);
        var loop = plan.Mode == WebSearchMode.Split && !route.ImageGeneration
            ? new WebSearchLoop(door, search, s_errors, route, session, Translate, plan)
            : null;
        Func<TranslationContext, UpstreamEnvelope> translate = loop is null ? Translate : loop.Translate;
        var created = door.Time.GetUtcNow();
        if (stream)
        {
            using var opened = await door.StreamAsync(http, s_errors, route, translate, session);
            if (opened is null)
            {
                return;
            }

            var upstream = loop is null ? opened.Events : loop.StreamAsync(http, opened, http.RequestAborted);
            var events = OpenAITranslator.FromUpstreamStreamAsync(upstream, request, opened.Attempt.Context, created, http.RequestAborted);
            await SseResponse.WriteAsync(http, events, ex => OpenAIErrors.ToStreamEvent(OpenAIErrors.ForStatus(SessionRecovery.StatusOf(ex), door.StreamCut(http, "openai", ex))));
            return;
        }

        using var attempt = await door.GenerateAsync(http, s_errors, route, translate, session);
        if (attempt is null)
        {
            return;
        }

        if (loop is not null)
        {
            if (await loop.GenerateAsync(http, attempt) is not { } replies)
            {
                return;
            }

            await FrontDoor.WriteJsonAsync(http, OpenAITranslator.ToJson(OpenAITranslator.FromUpstream(replies, attempt.Context, created)));
            return;
        }

        var envelope = await attempt.ReadEnvelopeAsync(http.RequestAborted);
        if (envelope is null)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(502, "The upstream returned a body that is not a generateContent response."));
            return;
        }

        await FrontDoor.WriteJsonAsync(http, OpenAITranslator.ToJson(OpenAITranslator.FromUpstream(envelope, attempt.Context, created)));
    }
}
