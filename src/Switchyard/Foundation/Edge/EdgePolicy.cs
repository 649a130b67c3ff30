using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Switchyard.Foundation.Edge;

/// <summary>
/// The rules every request meets before any route runs, as pure checks on the request:
/// <list type="bullet">
/// <item><b>Host</b>: a loopback name, <see cref="ServerOptions.Host"/>, or one of <see cref="ServerOptions.AllowedHosts"/>
/// (with a wildcard bind, any IP literal too: a rebinding page always sends its own domain name). Else 403: a page on
/// a rebinding domain cannot reach the gateway.</item>
/// <item><b>Cross-site</b>: an <c>Origin</c> that is not this server's own, or a <c>Sec-Fetch-Site</c> other than
/// <c>same-origin</c> or <c>none</c>, is refused (403) unless the origin is allow-listed for a family that takes browser
/// apps. A top-level GET navigation is let through (following a link reads nothing cross-site; the OAuth callback is one).</item>
/// <item><b>Content type</b>: a POST to a JSON family, and any request that carries a body, must declare JSON (415): a
/// blind cross-site <c>no-cors</c> POST cannot.</item>
/// </list>
/// Thread-safe (immutable).
/// </summary>
internal sealed class EdgePolicy
{
    private readonly bool _anyHost;
    private readonly bool _anyIpLiteral;
    private readonly FrozenSet<string> _hosts;
    private readonly string[] _suffixes;
    private readonly FrozenSet<string> _origins;

    public EdgePolicy(IOptions<ServerOptions> options)
        : this(options.Value)
    {
    }

    public EdgePolicy(ServerOptions options)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var suffixes = new List<string>();
        var bind = options.Host.Trim('[', ']');
        if (IPAddress.TryParse(bind, out var bound) && (bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)))
        {
            _anyIpLiteral = true;
        }
        else
        {
            hosts.Add(bind);
        }

        foreach (var host in options.AllowedHosts)
        {
            if (host == "*")
            {
                _anyHost = true;
            }
            else if (host.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(host[1..]);
            }
            else
            {
                hosts.Add(host.Trim('[', ']'));
            }
        }

        _hosts = hosts.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _suffixes = [.. suffixes];
        _origins = options.AllowedOrigins.Select(EdgeOrigins.Normalize).OfType<string>().ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>A Host header that names neither a loopback host nor a configured one; null when it is fine.</summary>
    public EdgeRefusal? CheckHost(HttpRequest request)
    {
        if (_anyHost || !request.Host.HasValue)
        {
            // No Host at all is not a browser (HTTP/1.0 tools); browsers always send one.
            return null;
        }

        var host = request.Host.Host.Trim('[', ']');
        if (IsLoopbackName(host) || _hosts.Contains(host) || _suffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (IPAddress.TryParse(host, out var address) && (_anyIpLiteral || _hosts.Contains(address.ToString())))
        {
            return null;
        }

        return new EdgeRefusal(StatusCodes.Status403Forbidden,
            $"The Host header '{BoundedText.Clip(request.Host.Value, 100)}' is not a name this gateway answers to (loopback names, Server:Host, Server:AllowedHosts).");
    }

    /// <summary>A cross-site request the family does not take; null when it is same-origin, not from a browser, or allowed.</summary>
    public EdgeRefusal? CheckSite(HttpRequest request, IRouteFamily family)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && family.BrowserApps && IsAllowedOrigin(origin))
        {
            return null;
        }

        if (origin.Length > 0 && !IsSameOrigin(origin, request))
        {
            return CrossSite($"from the origin '{BoundedText.Clip(origin, 100)}'", family);
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length == 0 || site is "same-origin" or "none")
        {
            return null;
        }

        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && string.Equals(request.Headers["Sec-Fetch-Mode"].ToString(), "navigate", StringComparison.Ordinal))
        {
            return null;
        }

        return CrossSite($"(Sec-Fetch-Site: {BoundedText.Clip(site, 40)})", family);
    }

    /// <summary>
    /// A body (or a POST to a JSON family) without a JSON content type; null when fine. A route whose family
    /// <see cref="IRouteFamily.AcceptsMultipart">accepts multipart</see> may send <c>multipart/form-data</c> too.
    /// </summary>
    public static EdgeRefusal? CheckContentType(HttpRequest request, IRouteFamily family)
    {
        var hasBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        var mustBeJson = hasBody || (family.JsonPosts && HttpMethods.IsPost(request.Method));
        if (!mustBeJson || IsJson(request.ContentType))
        {
            return null;
        }

        var multipart = family.AcceptsMultipart(request);
        if (multipart && IsMultipartForm(request.ContentType))
        {
            return null;
        }

        var given = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{BoundedText.Clip(request.ContentType, 100)}'";
        return new EdgeRefusal(StatusCodes.Status415UnsupportedMediaType,
            $"The request has {given}; send the body as application/json{(multipart ? " or multipart/form-data" : "")}.");
    }

    /// <summary>Whether <paramref name="origin"/> is on <see cref="ServerOptions.AllowedOrigins"/>.</summary>
    public bool IsAllowedOrigin(string origin) => EdgeOrigins.Normalize(origin) is { } normal && _origins.Contains(normal);

    public static bool IsJson(string? contentType) =>
        !string.IsNullOrEmpty(contentType)
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is { } type
        && (string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>multipart/form-data</c> with a boundary (without one the body cannot be read).</summary>
    public static bool IsMultipartForm(string? contentType) =>
        !string.IsNullOrEmpty(contentType)
        && MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && media.Parameters.Any(p => string.Equals(p.Name, "boundary", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(p.Value?.Trim('"')));

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));

    private static bool IsSameOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue)
        {
            return false;
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host.Trim('[', ']'), request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && uri.Port == port;
    }

    private static EdgeRefusal CrossSite(string what, IRouteFamily family) =>
        new(StatusCodes.Status403Forbidden, family.BrowserApps
            ? $"Cross-site request refused {what}; a browser app must be listed in Server:AllowedOrigins."
            : $"Cross-site request refused {what}; these routes answer pages of this gateway only.");
}
