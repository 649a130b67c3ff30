using System.Text.Json.Nodes;

namespace Switchyard.Emulator.Control;

/// <summary>Fault rules and quota state.</summary>
public sealed partial class EmulatorControlClient
{
    /// <summary>Adds one fault rule (spec §8.4) and returns its id (the rule's own, or a generated one).</summary>
    public async Task<string> AddFaultAsync(JsonObject rule, CancellationToken cancellationToken = default) =>
        (await AddFaultsAsync(new JsonArray(rule.DeepClone()), cancellationToken))[0];

    /// <summary>Adds several fault rules, in order, and returns their ids.</summary>
    public async Task<IReadOnlyList<string>> AddFaultsAsync(JsonArray rules, CancellationToken cancellationToken = default)
    {
        var answer = await SendForJsonAsync(HttpMethod.Post, "faults", rules, cancellationToken);
        return answer["ids"]!.AsArray().Select(id => (string)id!).ToList();
    }

    /// <summary>The rules with their <c>hits</c> (times fired) and <c>seen</c> (times matched) counters.</summary>
    public async Task<JsonArray> GetFaultsAsync(CancellationToken cancellationToken = default) =>
        (await SendForJsonAsync(HttpMethod.Get, "faults", null, cancellationToken)).AsArray();

    /// <summary>Removes one rule, or every rule when <paramref name="id"/> is null.</summary>
    public Task ClearFaultsAsync(string? id = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, id is null ? "faults" : $"faults/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>
    /// Sets quota state for an account's pool: a bucket's fraction, reset time and cost per request, and
    /// the pool's rpm limit. <paramref name="bucket"/> may also be a model id or <c>*</c>. Returns the new state.
    /// </summary>
    public async Task<JsonObject> SetQuotaAsync(
        string email,
        string pool,
        string? bucket = null,
        double? remainingFraction = null,
        DateTimeOffset? resetTime = null,
        double? resetInSeconds = null,
        int? rpm = null,
        double? costPerRequest = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["email"] = email, ["pool"] = pool };
        if (bucket is not null)
        {
            body["bucket"] = bucket;
        }

        if (remainingFraction is not null)
        {
            body["remainingFraction"] = remainingFraction;
        }

        if (resetTime is { } reset)
        {
            body["resetTime"] = reset.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (resetInSeconds is not null)
        {
            body["resetInSeconds"] = resetInSeconds;
        }

        if (rpm is not null)
        {
            body["rpm"] = rpm;
        }

        if (costPerRequest is not null)
        {
            body["costPerRequest"] = costPerRequest;
        }

        return (await SendForJsonAsync(HttpMethod.Put, "quota", body, cancellationToken)).AsObject();
    }
}
