using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Emulator.State;

namespace Switchyard.Emulator.Control;

/// <summary>
/// Typed client for the control API. Each area (faults, scripts, quota, consent) adds its calls in a
/// partial file. A non-success answer throws <see cref="HttpRequestException"/> with the emulator's message.
/// </summary>
public sealed partial class EmulatorControlClient(HttpClient http) : IDisposable
{
    private const string Prefix = "__emulator/";

    public HttpClient Http => http;

    public Task ResetAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Post, "reset", null, cancellationToken);

    public async Task<JsonObject> GetStateAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "state", null, cancellationToken))!.AsObject();

    public async Task<EmulatorConfig> GetConfigAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "config", null, cancellationToken)).Deserialize(EmulatorJsonContext.Default.EmulatorConfig)!;

    /// <summary>Merges <paramref name="patch"/> into the config, e.g. <c>{"validate":{"signatures":"off"}}</c>.</summary>
    public async Task<EmulatorConfig> PatchConfigAsync(JsonObject patch, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Patch, "config", patch, cancellationToken)).Deserialize(EmulatorJsonContext.Default.EmulatorConfig)!;

    public async Task<DateTimeOffset> GetClockAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "clock", null, cancellationToken)).Deserialize(EmulatorJsonContext.Default.ClockReading)!.Now;

    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Post, "clock", new JsonObject { ["advanceSeconds"] = by.TotalSeconds }, cancellationToken))
            .Deserialize(EmulatorJsonContext.Default.ClockReading)!.Now;

    public async Task<DateTimeOffset> SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Post, "clock", new JsonObject { ["set"] = now.ToString("O") }, cancellationToken))
            .Deserialize(EmulatorJsonContext.Default.ClockReading)!.Now;

    public Task PutAccountAsync(AccountSeed account, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, $"accounts/{Uri.EscapeDataString(account.Email)}",
            JsonSerializer.SerializeToNode(account, EmulatorJsonContext.Default.AccountSeed), cancellationToken);

    public Task DeleteAccountAsync(string email, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"accounts/{Uri.EscapeDataString(email)}", null, cancellationToken);

    /// <summary>Issues tokens for an account without a browser.</summary>
    public async Task<TokenGrant> MintTokensAsync(string email, int? ttlSeconds = null, CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Post, $"accounts/{Uri.EscapeDataString(email)}/tokens",
            ttlSeconds is null ? new JsonObject() : new JsonObject { ["ttlSeconds"] = ttlSeconds }, cancellationToken))
            .Deserialize(EmulatorJsonContext.Default.TokenGrant)!;

    /// <summary>Expires access tokens server-side: one token, or all of an account's.</summary>
    public Task ExpireTokensAsync(string? accessToken = null, string? email = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "tokens/expire", new JsonObject { ["accessToken"] = accessToken, ["email"] = email }, cancellationToken);

    /// <summary>Revokes refresh tokens (refresh then gives invalid_grant) and the account's access tokens.</summary>
    public Task RevokeTokensAsync(string? refreshToken = null, string? email = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "tokens/revoke", new JsonObject { ["refreshToken"] = refreshToken, ["email"] = email }, cancellationToken);

    /// <summary>The request journal, optionally filtered by globs.</summary>
    public async Task<List<JournalEntry>> GetRequestsAsync(string? label = null, string? rpc = null, string? email = null, long sinceSeq = 0, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (label is not null)
        {
            query.Add("label=" + Uri.EscapeDataString(label));
        }

        if (rpc is not null)
        {
            query.Add("rpc=" + Uri.EscapeDataString(rpc));
        }

        if (email is not null)
        {
            query.Add("email=" + Uri.EscapeDataString(email));
        }

        if (sinceSeq > 0)
        {
            query.Add("sinceSeq=" + sinceSeq);
        }

        var path = "requests" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return (await SendForJsonAsync(HttpMethod.Get, path, null, cancellationToken)).Deserialize(EmulatorJsonContext.Default.ListJournalEntry)!;
    }

    public Task ClearRequestsAsync(CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, "requests", null, cancellationToken);

    internal async Task SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
    }

    internal async Task<JsonNode> SendForJsonAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        }

        return response;
    }

    public void Dispose() => http.Dispose();
}
