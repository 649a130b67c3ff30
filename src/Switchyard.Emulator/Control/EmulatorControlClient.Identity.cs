using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>Identity calls: the consent queue.</summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>Queues the outcome of the next authorize call: <paramref name="email"/> approves, or the user denies.</summary>
    public Task QueueConsentAsync(string email, bool approve = true, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "oauth/consent",
            new JsonObject { ["email"] = email, ["action"] = approve ? "approve" : "deny" }, cancellationToken);

    /// <summary>The queued consent outcomes and the number of live authorization codes.</summary>
    public async Task<JsonObject> GetPendingConsentAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "oauth/pending", null, cancellationToken)).AsObject();

    public Task ClearConsentAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "oauth/consent", null, cancellationToken);
}
