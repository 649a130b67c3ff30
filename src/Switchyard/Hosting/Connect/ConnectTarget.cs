using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Switchyard.Foundation;
using Switchyard.FrontDoors;

namespace Switchyard.Hosting.Connect;

/// <summary>
/// Where a client reaches the gateway and the key it sends. <paramref name="KeyIsSecret"/> is false only for the
/// placeholder used when no keys are configured (the gateway then serves loopback clients with any key).
/// </summary>
internal sealed record ConnectTarget(string GatewayUrl, string ApiKey, bool KeyIsSecret, string KeySource)
{
    /// <summary>Sent when the gateway has no keys configured; loopback clients may send any key.</summary>
    public const string PlaceholderKey = "switchyard-local";

    /// <summary>
    /// The URL from <c>--gateway-url</c>, else from <c>Server:Host</c>/<c>Server:Port</c> (a wildcard host becomes
    /// 127.0.0.1); the key from <c>--api-key</c>, else the first of <c>Auth:ApiKeys</c>, else <see cref="PlaceholderKey"/>.
    /// Returns null and an error for a URL that is not absolute http(s).
    /// </summary>
    public static ConnectTarget? Resolve(string? gatewayUrl, string? apiKey, ServerOptions server, AuthOptions auth, out string? error)
    {
        error = null;
        string url;
        if (!string.IsNullOrWhiteSpace(gatewayUrl))
        {
            if (!Uri.TryCreate(gatewayUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                error = $"--gateway-url '{gatewayUrl}': expected an absolute http:// or https:// URL such as http://127.0.0.1:{ServerOptions.DefaultPort}.";
                return null;
            }

            url = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }
        else
        {
            url = string.Create(CultureInfo.InvariantCulture, $"http://{ClientHost(server.Host)}:{server.Port}");
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            return new ConnectTarget(url, apiKey, KeyIsSecret: true, "--api-key");
        }

        if (auth.ApiKeys.FirstOrDefault(k => !string.IsNullOrEmpty(k.Key)) is { } first)
        {
            return new ConnectTarget(url, first.Key, KeyIsSecret: true, $"Auth:ApiKeys '{first.Name}'");
        }

        return new ConnectTarget(url, PlaceholderKey, KeyIsSecret: false, "a placeholder (no Auth:ApiKeys configured: loopback clients may send any key)");
    }

    /// <summary>The host a client dials: wildcard binds become loopback, IPv6 literals get brackets.</summary>
    public static string ClientHost(string host)
    {
        var trimmed = host.Trim().Trim('[', ']');
        if (trimmed is "" or "*" or "+" or "0.0.0.0")
        {
            return "127.0.0.1";
        }

        if (IPAddress.TryParse(trimmed, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.Equals(IPAddress.IPv6Any) ? "[::1]" : $"[{trimmed}]";
        }

        return trimmed;
    }
}
