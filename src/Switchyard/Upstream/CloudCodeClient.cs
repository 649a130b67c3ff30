using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>
/// The Cloud Code provisioning and quota RPCs: loadCodeAssist, onboardUser, fetchAvailableModels. Tries
/// the configured hosts in order, moving on after a network error, 404, 408, 429 or 5xx; a 401 comes back
/// at once so the caller can refresh the token. Sends the protocol's fixed headers (spec §2.2), nothing
/// per-account or random.
/// </summary>
internal sealed class CloudCodeClient(IHttpClientFactory httpFactory, IOptions<UpstreamOptions> options)
{
    public const string HttpClientName = "switchyard-cloudcode";

    private static readonly string s_platform = OperatingSystem.IsWindows() ? "WINDOWS" : OperatingSystem.IsMacOS() ? "MACOS" : "LINUX";
    private static readonly string s_clientMetadata = Metadata().ToJsonString();

    public async Task<UpstreamResult<CodeAssistStatus>> LoadCodeAssistAsync(string accessToken, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["metadata"] = Metadata() };
        var result = await CallAsync("loadCodeAssist", body, accessToken, cancellationToken);
        if (result.Value is not { } json)
        {
            return UpstreamResult<CodeAssistStatus>.Fail(result.Status, result.Error!);
        }

        string? defaultTier = null;
        if (json["allowedTiers"] is JsonArray tiers)
        {
            var chosen = tiers.OfType<JsonObject>().FirstOrDefault(t => t["isDefault"] is JsonValue v && v.TryGetValue<bool>(out var d) && d)
                ?? tiers.OfType<JsonObject>().FirstOrDefault();
            defaultTier = Text(chosen?["id"]);
        }

        return UpstreamResult<CodeAssistStatus>.Ok(new CodeAssistStatus(Project(json["cloudaicompanionProject"]), Text(json["currentTier"]?["id"]), Text(json["paidTier"]?["id"]), defaultTier));
    }

    public async Task<UpstreamResult<OnboardStatus>> OnboardUserAsync(string accessToken, string tierId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["tierId"] = tierId, ["metadata"] = Metadata() };
        var result = await CallAsync("onboardUser", body, accessToken, cancellationToken);
        if (result.Value is not { } json)
        {
            return UpstreamResult<OnboardStatus>.Fail(result.Status, result.Error!);
        }

        var done = json["done"] is JsonValue v && v.TryGetValue<bool>(out var d) && d;
        return UpstreamResult<OnboardStatus>.Ok(new OnboardStatus(done, done ? Project(json["response"]?["cloudaicompanionProject"]) : null));
    }

    public async Task<UpstreamResult<AvailableModels>> FetchAvailableModelsAsync(string accessToken, string? projectId, CancellationToken cancellationToken)
    {
        var body = projectId is null ? new JsonObject() : new JsonObject { ["project"] = projectId };
        var result = await CallAsync("fetchAvailableModels", body, accessToken, cancellationToken);
        if (result.Value is not { } json)
        {
            return UpstreamResult<AvailableModels>.Fail(result.Status, result.Error!);
        }

        var models = new List<ModelQuota>();
        if (json["models"] is JsonObject map)
        {
            foreach (var (id, node) in map)
            {
                if (node?["quotaInfo"] is not JsonObject quota)
                {
                    continue;
                }

                var fraction = quota["remainingFraction"] is JsonValue f && f.TryGetValue<double>(out var x) ? Math.Clamp(x, 0, 1) : 0;
                DateTimeOffset? reset = Text(quota["resetTime"]) is { } r && DateTimeOffset.TryParse(r, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
                models.Add(new ModelQuota(id, fraction, reset));
            }
        }

        return UpstreamResult<AvailableModels>.Ok(new AvailableModels(models, Ids(json["webSearchModelIds"]), Ids(json["imageGenerationModelIds"])));

        static List<string> Ids(JsonNode? node) => (node as JsonArray ?? []).Select(Text).OfType<string>().ToList();
    }

    private static JsonObject Metadata() => new() { ["ideType"] = "ANTIGRAVITY", ["platform"] = s_platform, ["pluginType"] = "GEMINI" };

    private async Task<UpstreamResult<JsonObject>> CallAsync(string rpc, JsonObject body, string accessToken, CancellationToken cancellationToken)
    {
        var upstream = options.Value;
        var last = UpstreamResult<JsonObject>.Fail(0, "No Cloud Code host is configured.");
        foreach (var host in upstream.GetEffectiveHosts())
        {
            var url = host.BaseUrl.TrimEnd('/') + "/v1internal:" + rpc;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.TryAddWithoutValidation("User-Agent", upstream.UserAgent);
            request.Headers.TryAddWithoutValidation("Client-Metadata", s_clientMetadata);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(upstream.HttpTimeoutSeconds));
            try
            {
                using var http = httpFactory.CreateClient(HttpClientName);
                using var response = await http.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    try
                    {
                        if (JsonNode.Parse(text) is JsonObject json)
                        {
                            return UpstreamResult<JsonObject>.Ok(json);
                        }
                    }
                    catch (JsonException)
                    {
                    }

                    last = UpstreamResult<JsonObject>.Fail(502, $"{rpc} on {host.Label} returned a body that is not a JSON object.");
                    continue;
                }

                last = UpstreamResult<JsonObject>.Fail(status, $"{rpc} on {host.Label} answered {status}: {GoogleMessage(text)}");
                if (!(status is 404 or 408 or 429 || status >= 500))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = UpstreamResult<JsonObject>.Fail(0, $"{rpc}: cannot reach {host.Label} ({host.BaseUrl}): {ex.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = UpstreamResult<JsonObject>.Fail((int)HttpStatusCode.RequestTimeout, $"{rpc}: {host.Label} did not answer within {upstream.HttpTimeoutSeconds} s.");
            }
        }

        return last;
    }

    private static string GoogleMessage(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"]?["message"] is JsonValue m && m.TryGetValue<string>(out var message))
            {
                return message.Length > 300 ? message[..300] : message;
            }
        }
        catch (JsonException)
        {
        }

        return "(no message)";
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string? Project(JsonNode? node) => node is JsonObject o ? Text(o["id"]) : Text(node);
}
