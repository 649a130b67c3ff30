using System.Collections.Frozen;
using Switchyard.Admin;

namespace Switchyard.Dashboard;

/// <summary>
/// The web dashboard: static files embedded in the assembly (<c>Dashboard/wwwroot</c>), served at <c>/</c> and
/// <c>/dashboard/{file}</c> on the gateway's own port (the icon also at <c>/favicon.ico</c>; uPlot, MIT, vendored with its licence). Plain ES modules, no CDN, works offline. Same access rule as
/// the admin API for who may load it (the data behind it needs a sign-in when a password is set).
/// </summary>
internal static class DashboardEndpoints
{
    private const string Prefix = "Switchyard.Dashboard.";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html"))
            .AddEndpointFilter<AdminAccess>().WithMetadata(new AdminAnonymousAttribute()).ExcludeFromDescription();
        app.MapGet("/favicon.ico", (HttpContext http) => Serve(http, "favicon.svg"))
            .AddEndpointFilter<AdminAccess>().WithMetadata(new AdminAnonymousAttribute()).ExcludeFromDescription();
        app.MapGet("/dashboard/{file}", (HttpContext http, string file) => Serve(http, file))
            .AddEndpointFilter<AdminAccess>().WithMetadata(new AdminAnonymousAttribute()).ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!Files.TryGetValue(file, out var bytes) || !ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
        {
            return TypedResults.NotFound();
        }

        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";
        return TypedResults.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
