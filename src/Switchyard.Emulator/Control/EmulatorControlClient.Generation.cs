using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>Scripted replies.</summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>
    /// Queues a script <c>{match?: {email?, model?, label?}, responses: [{thinking?, text?, functionCalls?,
    /// image?, finishReason?, usage?, fault?}]}</c>, or an array of them.
    /// </summary>
    public Task AddScriptAsync(JsonNode script, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "scripts", script, cancellationToken);

    /// <summary>The scripts with the responses they have left.</summary>
    public async Task<JsonArray> GetScriptsAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "scripts", null, cancellationToken))["scripts"]!.AsArray();

    public Task ClearScriptsAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "scripts", null, cancellationToken);
}
