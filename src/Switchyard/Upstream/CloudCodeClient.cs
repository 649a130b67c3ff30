using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>
/// The Cloud Code provisioning and quota RPCs: loadCodeAssist (as antigravity, and as gemini-cli to learn whether the
/// account keeps that pool), onboardUser, retrieveUserQuotaSummary and fetchAvailableModels. Tries the hosts in order,
/// moving on after a network error, 404, 408, 429 or 5xx; a 401 comes back at once so the caller can refresh the
/// token. The quota RPCs ask <see cref="UpstreamOptions.GetQuotaHosts"/> (daily before prod, upstream-2026 §1.1).
/// Sends the protocol's fixed headers (spec §2.2), nothing per-account or random.
/// </summary>
internal sealed partial class CloudCodeClient(IHttpClientFactory httpFactory, IOptions<UpstreamOptions> options)
{
    public const string HttpClientName = "switchyard-cloudcode";

    private const int MaxErrorBodyChars = 16 * 1024;
    private static readonly string s_platform = OperatingSystem.IsWindows() ? "WINDOWS" : OperatingSystem.IsMacOS() ? "MACOS" : "LINUX";
    private static readonly string s_clientMetadata = Metadata().ToJsonString();

    public async Task<UpstreamResult<CodeAssistStatus>> LoadCodeAssistAsync(string accessToken, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["metadata"] = Metadata() };
        var result = await CallAsync("loadCodeAssist", body, accessToken, options.Value.GetEffectiveHosts(), geminiCli: false, cancellationToken);
        return result.Value is { } json ? UpstreamResult<CodeAssistStatus>.Ok(ReadCodeAssist(json), result.Host) : Fail<CodeAssistStatus>(result);
    }

    /// <summary>
    /// loadCodeAssist as the gemini-cli client (its User-Agent and metadata, the prod host): a personal account answers
    /// only an UNSUPPORTED_CLIENT ineligible tier since 2026-06 (upstream-2026 §5).
    /// </summary>
    public async Task<UpstreamResult<CodeAssistStatus>> LoadCodeAssistAsGeminiCliAsync(string accessToken, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["metadata"] = GeminiCliMetadata() };
        var result = await CallAsync("loadCodeAssist", body, accessToken, GeminiCliHosts(), geminiCli: true, cancellationToken);
        return result.Value is { } json ? UpstreamResult<CodeAssistStatus>.Ok(ReadCodeAssist(json), result.Host) : Fail<CodeAssistStatus>(result);
    }

    public async Task<UpstreamResult<OnboardStatus>> OnboardUserAsync(string accessToken, string tierId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["tierId"] = tierId, ["metadata"] = Metadata() };
        var result = await CallAsync("onboardUser", body, accessToken, options.Value.GetEffectiveHosts(), geminiCli: false, cancellationToken);
        if (result.Value is not { } json)
        {
            return Fail<OnboardStatus>(result);
        }

        var done = json["done"] is JsonValue v && v.TryGetValue<bool>(out var d) && d;
        return UpstreamResult<OnboardStatus>.Ok(new OnboardStatus(done, done ? Project(json["response"]?["cloudaicompanionProject"]) : null));
    }

    /// <summary>retrieveUserQuotaSummary on the quota hosts: the two windows of each family (upstream-2026 §1).</summary>
    public async Task<UpstreamResult<QuotaSummaryReading>> RetrieveUserQuotaSummaryAsync(string accessToken, string? projectId, CancellationToken cancellationToken)
    {
        var body = projectId is null ? new JsonObject() : new JsonObject { ["project"] = projectId };
        var result = await CallAsync("retrieveUserQuotaSummary", body, accessToken, options.Value.GetQuotaHosts(), geminiCli: false, cancellationToken);
        return result.Value is { } json
            ? UpstreamResult<QuotaSummaryReading>.Ok(QuotaSummaryReader.Read(json, result.Host), result.Host)
            : Fail<QuotaSummaryReading>(result);
    }

    /// <summary>fetchAvailableModels on one host: the catalogue is per account and per host (upstream-2026 §6.1).</summary>
    public async Task<UpstreamResult<CatalogueReading>> FetchAvailableModelsAsync(string accessToken, string? projectId, UpstreamHost host, CancellationToken cancellationToken)
    {
        var body = projectId is null ? new JsonObject() : new JsonObject { ["project"] = projectId };
        var result = await CallAsync("fetchAvailableModels", body, accessToken, [host], geminiCli: false, cancellationToken);
        return result.Value is { } json
            ? UpstreamResult<CatalogueReading>.Ok(CatalogueReader.Read(json, host.Label), host.Label)
            : Fail<CatalogueReading>(result);
    }

    private static UpstreamResult<T> Fail<T>(UpstreamResult<JsonObject> result)
        where T : class => UpstreamResult<T>.Fail(result.Status, result.Error!, result.ErrorBody, result.Host);

    private IReadOnlyList<UpstreamHost> GeminiCliHosts()
    {
        var hosts = options.Value.GetEffectiveHosts();
        return hosts.Count <= 1 ? hosts : [hosts.FirstOrDefault(h => string.Equals(h.Label, "prod", StringComparison.OrdinalIgnoreCase)) ?? hosts[^1]];
    }

    private static JsonObject Metadata() => new() { ["ideType"] = "ANTIGRAVITY", ["platform"] = s_platform, ["pluginType"] = "GEMINI" };

    private static JsonObject GeminiCliMetadata() => new() { ["ideType"] = "IDE_UNSPECIFIED", ["platform"] = "PLATFORM_UNSPECIFIED", ["pluginType"] = "GEMINI" };

    private async Task<UpstreamResult<JsonObject>> CallAsync(
        string rpc, JsonObject body, string accessToken, IReadOnlyList<UpstreamHost> hosts, bool geminiCli, CancellationToken cancellationToken)
    {
        var upstream = options.Value;
        var last = UpstreamResult<JsonObject>.Fail(0, "No Cloud Code host is configured.");
        foreach (var host in hosts)
        {
            var url = host.BaseUrl.TrimEnd('/') + "/v1internal:" + rpc;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.TryAddWithoutValidation("User-Agent", geminiCli ? upstream.GeminiCliUserAgent : upstream.UserAgent);
            request.Headers.TryAddWithoutValidation("Client-Metadata", geminiCli ? GenerateClient.GeminiCliClientMetadata : s_clientMetadata);
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
                            return UpstreamResult<JsonObject>.Ok(json, host.Label);
                        }
                    }
                    catch (JsonException)
                    {
                    }

                    last = UpstreamResult<JsonObject>.Fail(502, $"{rpc} on {host.Label} returned a body that is not a JSON object.", host: host.Label);
                    continue;
                }

                var errorBody = text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text;
                last = UpstreamResult<JsonObject>.Fail(status, $"{rpc} on {host.Label} answered {status}: {GoogleMessage(text)}", errorBody, host.Label);
                if (!(status is 404 or 408 or 429 || status >= 500))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = UpstreamResult<JsonObject>.Fail(0, $"{rpc}: cannot reach {host.Label} ({host.BaseUrl}): {ex.Message}", host: host.Label);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = UpstreamResult<JsonObject>.Fail((int)HttpStatusCode.RequestTimeout, $"{rpc}: {host.Label} did not answer within {upstream.HttpTimeoutSeconds} s.", host: host.Label);
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
