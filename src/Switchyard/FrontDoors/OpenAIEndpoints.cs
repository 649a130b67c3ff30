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

    private static async Task ChatCompletionsAsync(HttpContext http, FrontDoor door)
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

        var stream = request.Stream == true;
        UpstreamEnvelope Translate(TranslationContext ctx) => OpenAITranslator.ToUpstream(request, ctx);
        var session = SessionInputs.OpenAI(http, request);
        var created = door.Time.GetUtcNow();
        if (stream)
        {
            using var opened = await door.StreamAsync(http, s_errors, route, Translate, session);
            if (opened is null)
            {
                return;
            }

            var events = OpenAITranslator.FromUpstreamStreamAsync(opened.Events, request, opened.Attempt.Context, created, http.RequestAborted);
            await SseResponse.WriteAsync(http, events, ex => OpenAIErrors.ToStreamEvent(OpenAIErrors.ForStatus(SessionRecovery.StatusOf(ex), door.StreamCut(http, "openai", ex))));
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

        await FrontDoor.WriteJsonAsync(http, OpenAITranslator.ToJson(OpenAITranslator.FromUpstream(envelope, attempt.Context, created)));
    }
}
