using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>Scripted replies (spec §8.3, §8.4): <c>POST|GET|DELETE /__emulator/scripts</c>.</summary>
internal static partial class ControlEndpoints
{
    static void MapGenerationRoutes(RouteGroupBuilder group)
    {
        group.MapPost("/scripts", AddScriptsAsync);
        group.MapGet("/scripts", (EmulatorState state) => NodeResult(new JsonObject { ["scripts"] = state.Scripts.Remaining() }));
        group.MapDelete("/scripts", (EmulatorState state) =>
        {
            state.Scripts.Clear();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> AddScriptsAsync(HttpRequest request, EmulatorState state)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw new ControlException($"Malformed JSON: {ex.Message}");
        }

        var added = state.Scripts.Add(body);
        return NodeResult(new JsonObject { ["added"] = added, ["queued"] = state.Scripts.Count });
    }
}
