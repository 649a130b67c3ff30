using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>
/// generateContent, streamGenerateContent?alt=sse and countTokens on the Cloud Code hosts, in the configured
/// order. Moves to the next host on a network error, 404, 408 or 5xx (all before any byte reached the client,
/// since the response is only returned once its status is known); never on 429, which belongs to the account.
/// Sends the same fixed headers as <see cref="CloudCodeClient"/>.
/// </summary>
internal sealed partial class GenerateClient(IHttpClientFactory httpFactory, IOptions<UpstreamOptions> options, ILogger<GenerateClient> logger)
{
    public const string Generate = "generateContent";
    public const string StreamGenerate = "streamGenerateContent";
    public const string CountTokens = "countTokens";

    private static readonly string s_platform = OperatingSystem.IsWindows() ? "WINDOWS" : OperatingSystem.IsMacOS() ? "MACOS" : "LINUX";
    private static readonly string s_clientMetadata = new JsonObject { ["ideType"] = "ANTIGRAVITY", ["platform"] = s_platform, ["pluginType"] = "GEMINI" }.ToJsonString();

    /// <summary>
    /// Sends <paramref name="body"/> (UTF-8 JSON) to <paramref name="method"/>. On success the response is
    /// returned with only its headers read; the caller owns it. The timeout covers the wait for headers only.
    /// </summary>
    public async Task<GenerateCall> SendAsync(string method, byte[] body, string accessToken, CancellationToken cancellationToken)
    {
        var upstream = options.Value;
        GenerateCall? last = null;
        foreach (var host in upstream.GetEffectiveHosts())
        {
            var url = host.BaseUrl.TrimEnd('/') + "/v1internal:" + method + (method == StreamGenerate ? "?alt=sse" : "");
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Headers.TryAddWithoutValidation("User-Agent", upstream.UserAgent);
            request.Headers.TryAddWithoutValidation("Client-Metadata", s_clientMetadata);
            if (method == StreamGenerate)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(upstream.HttpTimeoutSeconds));
            HttpResponseMessage? response = null;
            try
            {
                var http = httpFactory.CreateClient(CloudCodeClient.HttpClientName);
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    var ok = new GenerateCall(response, status, null, null, host.Label);
                    response = null;
                    return ok;
                }

                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                last = new GenerateCall(null, status, text, Headers(response), host.Label);
                LogHostFailed(method, host.Label, status);
                if (!(status is 404 or 408 || status >= 500))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                LogHostUnreachable(method, host.Label, ex.Message);
                last = new GenerateCall(null, 0, $"{method}: cannot reach {host.Label}.", null, host.Label);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogHostUnreachable(method, host.Label, "timeout");
                last = new GenerateCall(null, 408, $"{method}: {host.Label} did not answer within {upstream.HttpTimeoutSeconds} s.", null, host.Label);
            }
            finally
            {
                response?.Dispose();
            }
        }

        return last ?? new GenerateCall(null, 0, "No Cloud Code host is configured.", null, "");
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        return headers;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "{Method} on {Host} answered {UpstreamStatus}")]
    private partial void LogHostFailed(string method, string host, int upstreamStatus);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "{Method}: {Host} unreachable ({Reason})")]
    private partial void LogHostUnreachable(string method, string host, string reason);
}
