using System.Globalization;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// The ASP.NET Core ways to say where to listen (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>), honoured as <c>Server:Host</c> and <c>Server:Port</c> when they name one plain HTTP
/// address, refused with a message otherwise: never silently ignored.
/// </summary>
internal static class ListenUrls
{
    public static readonly string[] Variables = ["ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS"];

    /// <summary>Adds Server:Host/Port to <paramref name="settings"/> (keys already there win); returns what was used, or null.</summary>
    public static string? Apply(string? urlsFlag, Func<string, string?> environment, Dictionary<string, string?> settings, List<string> errors)
    {
        var (source, value) = urlsFlag is not null ? ("--urls", urlsFlag) : Variables.Select(v => (v, environment(v))).FirstOrDefault(p => !string.IsNullOrWhiteSpace(p.Item2));
        if (value is null)
        {
            return null;
        }

        var items = value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length != 1)
        {
            errors.Add($"{source}={value}: Switchyard listens on one address; give one (or use Server:Host and Server:Port).");
            return null;
        }

        string? host = null;
        int port;
        if (source == "ASPNETCORE_HTTP_PORTS")
        {
            if (!int.TryParse(items[0], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
            {
                errors.Add($"{source}={value}: not a port number.");
                return null;
            }
        }
        else
        {
            var text = items[0].Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
            {
                errors.Add($"{source}={value}: only a plain http://HOST:PORT address is served (no HTTPS, no path); put a TLS proxy in front for HTTPS.");
                return null;
            }

            host = uri.Host;
            port = uri.Port;
        }

        if (host is not null)
        {
            settings.TryAdd("Server:Host", host);
        }

        settings.TryAdd("Server:Port", port.ToString(CultureInfo.InvariantCulture));
        return $"{source}={value}";
    }
}
