using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Dispatch;
using Switchyard.Protocols.Anthropic;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary><c>POST /v1/messages</c> (also with <c>?beta=true</c>) and <c>POST /v1/messages/count_tokens</c>.</summary>
internal static class AnthropicEndpoints
{
    private static readonly IProtocolErrors s_errors = AnthropicProtocolErrors.Instance;

    public static void MapAnthropic(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", MessagesAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
        app.MapPost("/v1/messages/count_tokens", CountTokensAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
    }

    private static async Task MessagesAsync(HttpContext http, FrontDoor door, WebSearchRunner search)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!AnthropicTranslator.TryRead(body, out var request, out var invalid))
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(400, invalid));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, request.Model!) is not { } route)
        {
            return;
        }

        route = door.Background(http, route, request.Model!, BackgroundSignals.Of(request));
        var plan = AnthropicTranslator.WebSearch(request);
        if (plan.Mode == WebSearchMode.Native && request.ToolChoice?.Type != "none" && !route.ImageGeneration)
        {
            if (await search.RouteSearchOnlyAsync(http, s_errors, route) is not { } searchRoute)
            {
                return;
            }

            route = searchRoute;
        }

        var stream = request.Stream == true;
        UpstreamEnvelope Translate(TranslationContext ctx) => AnthropicTranslator.ToUpstream(request, ctx);
        var session = SessionInputs.Anthropic(http, request);
        var loop = plan.Mode == WebSearchMode.Split && !route.ImageGeneration
            ? new WebSearchLoop(door, search, s_errors, route, session, Translate, plan)
            : null;
        Func<TranslationContext, UpstreamEnvelope> translate = loop is null ? Translate : loop.Translate;
        if (stream)
        {
            using var opened = await door.StreamAsync(http, s_errors, route, translate, session);
            if (opened is null)
            {
                return;
            }

            var upstream = loop is null ? opened.Events : loop.StreamAsync(http, opened, http.RequestAborted);
            var events = AnthropicTranslator.FromUpstreamStreamAsync(upstream, opened.Attempt.Context, request.Model!, http.RequestAborted);
            await SseResponse.WriteAsync(http, events, ex => AnthropicErrors.StreamError(SessionRecovery.StatusOf(ex), door.StreamCut(http, "anthropic", ex)));
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

            var rounds = replies.Select(r => r ?? new GenerateContentResponse()).ToList();
            await FrontDoor.WriteJsonAsync(http, AnthropicTranslator.ToJson(AnthropicTranslator.FromUpstream(rounds, attempt.Context, request.Model!)));
            return;
        }

        var envelope = await attempt.ReadEnvelopeAsync(http.RequestAborted);
        if (envelope is null)
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(502, "The upstream returned a body that is not a generateContent response."));
            return;
        }

        await FrontDoor.WriteJsonAsync(http, AnthropicTranslator.ToJson(AnthropicTranslator.FromUpstream(envelope, attempt.Context, request.Model!)));
    }

    private static async Task CountTokensAsync(HttpContext http, FrontDoor door)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        // count_tokens takes a Messages body without max_tokens.
        try
        {
            if (JsonNode.Parse(body) is JsonObject root && !root.ContainsKey("max_tokens"))
            {
                root["max_tokens"] = 1;
                body = Encoding.UTF8.GetBytes(root.ToJsonString());
            }
        }
        catch (JsonException)
        {
            // TryRead names the problem.
        }

        if (!AnthropicTranslator.TryRead(body, out var request, out var invalid))
        {
            await FrontDoor.WriteErrorAsync(http, s_errors.Create(400, invalid));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, request.Model!) is not { } route)
        {
            return;
        }

        using var attempt = await door.CountTokensAsync(http, errors: null, route,
            ctx => AnthropicTranslator.ToUpstream(request, ctx), SessionInputs.Anthropic(http, request));

        int tokens;
        if (attempt is null)
        {
            // Documented fallback: when the upstream cannot count, estimate four characters per token.
            tokens = Math.Max(1, body.Length / 4);
        }
        else
        {
            var counted = await attempt.ReadCountAsync(http.RequestAborted);
            tokens = counted?.TotalTokens ?? Math.Max(1, body.Length / 4);
        }

        await FrontDoor.WriteJsonAsync(http, JsonSerializer.Serialize(new AnthropicTokenCount(tokens), FrontDoorJsonContext.Default.AnthropicTokenCount));
    }
}
