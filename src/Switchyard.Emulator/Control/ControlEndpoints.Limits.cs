using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Faults;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>Fault rules (<c>/faults</c>), spec §8.4; quota state (<c>/quota</c>) is in <c>ControlEndpoints.Quota.cs</c>.</summary>
internal static partial class ControlEndpoints
{
    static void MapLimitsRoutes(RouteGroupBuilder group)
    {
        group.MapPost("/faults", AddFaultsAsync);
        group.MapGet("/faults", (EmulatorState state) => NodeResult(state.Faults.Describe()));
        group.MapDelete("/faults", (EmulatorState state) =>
        {
            state.Faults.Clear();
            return Results.NoContent();
        });
        group.MapDelete("/faults/{id}", (string id, EmulatorState state) =>
            state.Faults.Remove(id) ? Results.NoContent() : throw new ControlException($"No fault rule '{id}'.", 404));
        group.MapPut("/quota", PutQuotaAsync);
    }

    private static async Task<IResult> AddFaultsAsync(HttpRequest request, EmulatorState state)
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

        var ids = state.Faults.Add(FaultRuleParser.Parse(body));
        return NodeResult(new JsonObject { ["ids"] = new JsonArray(ids.Select(id => (JsonNode)id).ToArray()) });
    }

    private static double? OptionalNumber(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) && !double.IsNaN(d) => d,
        _ => throw new ControlException($"'{name}' must be a number."),
    };
}
