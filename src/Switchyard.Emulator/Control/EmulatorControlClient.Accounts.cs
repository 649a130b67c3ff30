using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>2026 per-account state: credits, flags, the account's catalogue.</summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>Changes an account's credits and flags; returns its 2026 state.</summary>
    public async Task<JsonObject> PatchAccountAsync(string email, AccountPatch patch, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Patch, $"accounts/{Uri.EscapeDataString(email)}", patch.ToJson(), cancellationToken)).AsObject();

    /// <summary>Sets an account's Google One AI credit balance.</summary>
    public Task<JsonObject> SetCreditsAsync(string email, long balance, CancellationToken cancellationToken = default) =>
        PatchAccountAsync(email, new AccountPatch { Credits = balance }, cancellationToken);

    /// <summary>Removes a model from one account's catalogue: it leaves that account's fetchAvailableModels and answers 404.</summary>
    public async Task<JsonObject> RemoveModelAsync(string email, string model, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Delete, ModelPath(email, model), null, cancellationToken)).AsObject();

    /// <summary>Returns a removed model to the account's catalogue.</summary>
    public async Task<JsonObject> RestoreModelAsync(string email, string model, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Put, ModelPath(email, model), null, cancellationToken)).AsObject();

    private static string ModelPath(string email, string model) => $"accounts/{Uri.EscapeDataString(email)}/models/{Uri.EscapeDataString(model)}";
}
