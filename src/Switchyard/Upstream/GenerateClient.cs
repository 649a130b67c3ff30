using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>
/// generateContent, streamGenerateContent?alt=sse and countTokens on one Cloud Code host. The request pipeline
/// walks <see cref="HostsFor"/> in order and decides, per failure, whether to try the next host (see RetryPlanner).
/// Sends the fixed headers of the quota pool's client identity (upstream-protocol §2.1).
/// </summary>
internal sealed partial class GenerateClient(IHttpClientFactory httpFactory, IOptionsMonitor<UpstreamOptions> options, ILogger<GenerateClient> logger)
{
    public const string Generate = "generateContent";
    public const string StreamGenerate = "streamGenerateContent";
    public const string CountTokens = "countTokens";

    private static readonly string s_platform = OperatingSystem.IsWindows() ? "WINDOWS" : OperatingSystem.IsMacOS() ? "MACOS" : "LINUX";
    private static readonly string s_clientMetadata = new JsonObject { ["ideType"] = "ANTIGRAVITY", ["platform"] = s_platform, ["pluginType"] = "GEMINI" }.ToJsonString();
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_eventStream = new("text/event-stream");

    /// <summary>The Client-Metadata header of gemini-cli style calls (upstream-protocol §2.1).</summary>
    public const string GeminiCliClientMetadata = "ideType=IDE_UNSPECIFIED,platform=PLATFORM_UNSPECIFIED,pluginType=GEMINI";

    /// <summary>
    /// The hosts a request in <paramref name="geminiCli"/> style goes to, in fallback order: every configured host
    /// for antigravity; for gemini-cli the host labelled <c>prod</c> (else the last one), as the spec says.
    /// </summary>
    public IReadOnlyList<UpstreamHost> HostsFor(bool geminiCli)
    {
        var hosts = options.CurrentValue.GetEffectiveHosts();
        if (!geminiCli || hosts.Count <= 1)
        {
            return hosts;
        }

        var prod = hosts.FirstOrDefault(h => string.Equals(h.Label, "prod", StringComparison.OrdinalIgnoreCase)) ?? hosts[^1];
        return [prod];
    }

    /// <summary>
    /// Sends <paramref name="body"/> (UTF-8 JSON) to <paramref name="method"/> on one host. On success the response
    /// is returned with only its headers read; the caller owns it. The timeout covers the wait for headers only.
    /// A network failure or timeout is status 0 or 408 with a message, never an exception.
    /// </summary>
    public async Task<GenerateCall> SendAsync(string method, byte[] body, string accessToken, UpstreamHost host, bool geminiCli, CancellationToken cancellationToken)
    {
        var upstream = options.CurrentValue;
        var url = host.BaseUrl.TrimEnd('/') + "/v1internal:" + method + (method == StreamGenerate ? "?alt=sse" : "");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new SlicedBodyContent(body) };
        request.Content.Headers.ContentType = s_json;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.TryAddWithoutValidation("User-Agent", geminiCli ? upstream.GeminiCliUserAgent : upstream.UserAgent);
        request.Headers.TryAddWithoutValidation("Client-Metadata", geminiCli ? GeminiCliClientMetadata : s_clientMetadata);
        if (method == StreamGenerate)
        {
            request.Headers.Accept.Add(s_eventStream);
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
            LogHostFailed(method, host.Label, status);
            return new GenerateCall(null, status, text, Headers(response), host.Label);
        }
        catch (HttpRequestException ex)
        {
            LogHostUnreachable(method, host.Label, ex.Message);
            return new GenerateCall(null, 0, $"{method}: cannot reach {host.Label}.", null, host.Label);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogHostUnreachable(method, host.Label, "timeout");
            return new GenerateCall(null, 408, $"{method}: {host.Label} did not answer within {upstream.HttpTimeoutSeconds} s.", null, host.Label);
        }
        finally
        {
            response?.Dispose();
        }
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
