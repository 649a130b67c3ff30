using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Switchyard.Dispatch;
using Switchyard.Models;
using Switchyard.Protocols.Responses;
using Switchyard.Scheduling;

namespace Switchyard.FrontDoors;

/// <summary>
/// The OpenAI Responses door: <c>POST /v1/responses</c> (and <c>/responses</c>: Codex appends <c>/responses</c> to a
/// base URL without <c>/v1</c>), streamed (<c>event: response.*</c>) or not; <c>GET</c> and <c>DELETE</c>
/// <c>/v1/responses/{id}</c> for stored responses. <c>previous_response_id</c> is expanded from the store before
/// validation. A search-only request goes to a search model; web search next to function tools runs as gateway rounds
/// (<see cref="ResponsesSearchRounds"/>).
/// </summary>
internal static class ResponsesEndpoints
{
    private static readonly IProtocolErrors s_errors = ResponsesProtocolErrors.Instance;

    public static void MapResponses(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in (string[])["/v1", ""])
        {
            app.MapPost(prefix + "/responses", CreateAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
            app.MapGet(prefix + "/responses/{id}", GetAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
            app.MapDelete(prefix + "/responses/{id}", DeleteAsync).AddEndpointFilter(new ClientAuthFilter(s_errors));
        }
    }

    private static async Task CreateAsync(HttpContext http, FrontDoor door, ResponsesDoor responses, WebSearchRunner search)
    {
        if (await door.ReadBodyAsync(http, s_errors) is not { } body)
        {
            return;
        }

        if (!ResponsesTranslator.TryRead(body, out var request, out var invalid)
            || (invalid = await responses.ExpandPreviousAsync(request, http.RequestAborted)) is not null
            || (invalid = ResponsesTranslator.Validate(request, responses.Translation)) is not null)
        {
            await FrontDoor.WriteErrorAsync(http, ResponsesProtocolErrors.From(invalid!));
            return;
        }

        if (await door.ResolveAsync(http, s_errors, request.Model!) is not { } route)
        {
            return;
        }

        if (NativeSearch(request, route))
        {
            if (await search.RouteSearchOnlyAsync(http, s_errors, route) is not { } searchRoute)
            {
                return;
            }

            route = searchRoute;
        }

        var session = SessionInputs.Responses(http, request);
        var rounds = new ResponsesSearchRounds(request, search);
        var created = door.Time.GetUtcNow();
        if (request.Stream == true)
        {
            await StreamAsync(http, door, responses, request, route, rounds, session, created);
        }
        else
        {
            await GenerateAsync(http, door, responses, request, route, rounds, session, created);
        }
    }

    /// <summary>Web search alone (not switched off by tool_choice none) is the upstream's own googleSearch, which only a search model takes.</summary>
    private static bool NativeSearch(ResponsesRequest request, ModelRoute route) =>
        request.ToolMap is { NativeSearch: true } && !route.ImageGeneration
        && !(request.ToolChoice is JsonValue v && v.TryGetValue<string>(out var choice) && choice == "none");

    private static async Task StreamAsync(
        HttpContext http, FrontDoor door, ResponsesDoor responses, ResponsesRequest request, ModelRoute route,
        ResponsesSearchRounds rounds, SessionKeyInputs session, DateTimeOffset created)
    {
        using var opened = await door.StreamAsync(http, s_errors, route, rounds.Translate, session);
        if (opened is null)
        {
            return;
        }

        var stream = new ResponsesStream(request, opened.Attempt.Context, responses.Translation, created);
        var events = RoundsAsync(http, door, stream, rounds, opened, route, session, http.RequestAborted);
        await SseResponse.WriteAsync(http, events, ex => stream.Fail(ResponsesErrors.ForStatus(SessionRecovery.StatusOf(ex), door.StreamCut(http, "responses", ex))));
        if (responses.ShouldStore(request, stream.Final))
        {
            await responses.SaveAsync(request, stream.Final!, CancellationToken.None);
        }
    }

    /// <summary>Every round's events as one response: created, the items of each round, then completed (or incomplete).</summary>
    private static async IAsyncEnumerable<SseItem<string>> RoundsAsync(
        HttpContext http, FrontDoor door, ResponsesStream stream, ResponsesSearchRounds rounds, OpenedStream first,
        ModelRoute route, SessionKeyInputs session, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var e in stream.Start())
        {
            yield return ResponsesStream.ToSse(e);
        }

        OpenedStream? later = null;
        try
        {
            var current = first;
            while (true)
            {
                await foreach (var upstream in current.Events.WithCancellation(cancellationToken))
                {
                    foreach (var e in stream.Consume(upstream.Response))
                    {
                        yield return ResponsesStream.ToSse(e);
                    }
                }

                if (!rounds.ShouldContinue(stream))
                {
                    break;
                }

                await rounds.SearchAsync(stream, http, session);
                later?.Dispose();
                later = null;
                var opening = await door.OpenStreamAsync(http, s_errors.Protocol, route, rounds.Translate, session);
                if (opening.Stream is not { } next)
                {
                    var failure = opening.Failure!;
                    throw new UpstreamStreamException(failure.Message ?? ResponsesErrors.FromUpstream(failure.Status, failure.UpstreamBody).Message) { Status = failure.Status };
                }

                later = current = next;
            }
        }
        finally
        {
            later?.Dispose();
        }

        foreach (var e in stream.Finish())
        {
            yield return ResponsesStream.ToSse(e);
        }
    }

    private static async Task GenerateAsync(
        HttpContext http, FrontDoor door, ResponsesDoor responses, ResponsesRequest request, ModelRoute route,
        ResponsesSearchRounds rounds, SessionKeyInputs session, DateTimeOffset created)
    {
        using var first = await door.GenerateAsync(http, s_errors, route, rounds.Translate, session);
        if (first is null)
        {
            return;
        }

        var stream = new ResponsesStream(request, first.Context, responses.Translation, created);
        stream.Start();
        UpstreamAttempt? later = null;
        try
        {
            var attempt = first;
            while (true)
            {
                if (await attempt.ReadEnvelopeAsync(http.RequestAborted) is not { } envelope)
                {
                    await FrontDoor.WriteErrorAsync(http, s_errors.Create(502, "The upstream returned a body that is not a generateContent response."));
                    return;
                }

                stream.Consume(envelope.Response);
                if (!rounds.ShouldContinue(stream))
                {
                    break;
                }

                await rounds.SearchAsync(stream, http, session);
                later?.Dispose();
                later = null;
                if (await door.GenerateAsync(http, s_errors, route, rounds.Translate, session) is not { } next)
                {
                    return;
                }

                later = attempt = next;
            }
        }
        finally
        {
            later?.Dispose();
        }

        stream.Finish();
        if (responses.ShouldStore(request, stream.Final))
        {
            await responses.SaveAsync(request, stream.Final!, http.RequestAborted);
        }

        await FrontDoor.WriteJsonAsync(http, ResponsesTranslator.ToJson(stream.Final!));
    }

    private static async Task GetAsync(HttpContext http, string id, ResponsesDoor responses)
    {
        if (await responses.FindAsync(id, http.RequestAborted) is { } json)
        {
            await FrontDoor.WriteJsonAsync(http, json);
            return;
        }

        await FrontDoor.WriteErrorAsync(http, ResponsesProtocolErrors.From(NotFound(id, responses)));
    }

    private static async Task DeleteAsync(HttpContext http, string id, ResponsesDoor responses)
    {
        if (await responses.DeleteAsync(id, http.RequestAborted))
        {
            await FrontDoor.WriteJsonAsync(http, new JsonObject { ["id"] = id, ["object"] = "response.deleted", ["deleted"] = true }.ToJsonString());
            return;
        }

        await FrontDoor.WriteErrorAsync(http, ResponsesProtocolErrors.From(NotFound(id, responses)));
    }

    private static Protocols.OpenAI.OpenAIError NotFound(string id, ResponsesDoor responses) =>
        ResponsesErrors.ForStatus(404, responses.StoreEnabled
            ? $"Response with id '{id}' not found."
            : $"Response with id '{id}' not found: this gateway does not store responses (Responses:Store is off).") with { Param = "response_id" };
}
