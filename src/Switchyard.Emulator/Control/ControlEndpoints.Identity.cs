using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>Identity routes: the consent queue that decides the next authorize outcomes (spec §8.4).</summary>
internal static partial class ControlEndpoints
{
    public static void MapIdentityRoutes(RouteGroupBuilder group)
    {
        group.MapPost("/oauth/consent", QueueConsentAsync);
        group.MapGet("/oauth/pending", PendingConsent);
        group.MapDelete("/oauth/consent", (EmulatorState state) =>
        {
            lock (state.Gate)
            {
                state.ConsentQueue.Clear();
            }

            return Results.NoContent();
        });
    }

    /// <summary><c>{email, action: approve|deny}</c>; action defaults to approve. A deny needs no email.</summary>
    private static async Task<IResult> QueueConsentAsync(HttpRequest request, EmulatorState state)
    {
        var body = await ReadObjectAsync(request);
        var email = OptionalString(body, "email");
        var action = OptionalString(body, "action") ?? "approve";
        var approve = action switch
        {
            "approve" => true,
            "deny" => false,
            _ => throw new ControlException($"Unknown action '{action}'; use approve or deny."),
        };
        if (email is null && approve)
        {
            throw new ControlException("Send 'email': the account that approves.");
        }

        int queued;
        lock (state.Gate)
        {
            if (email is not null && !state.Accounts.ContainsKey(email))
            {
                throw new ControlException($"No account '{email}'.");
            }

            state.ConsentQueue.Enqueue((email ?? "", approve));
            queued = state.ConsentQueue.Count;
        }

        return NodeResult(new JsonObject { ["queued"] = queued });
    }

    private static IResult PendingConsent(EmulatorState state)
    {
        var queue = new JsonArray();
        int liveCodes;
        lock (state.Gate)
        {
            foreach (var (email, approve) in state.ConsentQueue)
            {
                queue.Add((JsonNode)new JsonObject { ["email"] = email.Length == 0 ? null : email, ["action"] = approve ? "approve" : "deny" });
            }

            var now = state.Clock.GetUtcNow();
            liveCodes = state.Codes.Values.Count(c => !c.Used && c.ExpiresAt > now);
        }

        return NodeResult(new JsonObject { ["consent"] = queue, ["liveCodes"] = liveCodes });
    }
}
