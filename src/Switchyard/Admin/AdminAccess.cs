using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>Marks an admin endpoint that needs no sign-in (still loopback-only unless allowed): login, session, the dashboard files.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
internal sealed class AdminAnonymousAttribute : Attribute;

/// <summary>
/// Protects the admin API, the dashboard and the sign-in callback:
/// <list type="number">
/// <item>Non-loopback clients get 403 unless <see cref="AdminOptions.AllowRemote"/>, and then only when a password or key is set.</item>
/// <item>Without AllowRemote the Host header must name a loopback host (no DNS rebinding), and a cross-site browser request that changes something is refused.</item>
/// <item>An <c>X-Admin-Key</c> header must match <see cref="AdminOptions.ApiKey"/>; checks are throttled for every client together (<see cref="AdminThrottle"/>), a wrong key gets 401.</item>
/// <item>Else a valid session cookie (a change also needs the session's <c>X-CSRF-Token</c> header); else, when neither a password nor a key is set, loopback clients are admitted; else 401.</item>
/// </list>
/// </summary>
internal sealed class AdminAccess(IOptionsMonitor<AdminOptions> options, AdminPasswordStore passwords, AdminSessions sessions, AdminThrottle throttle) : IEndpointFilter
{
    public const string KeyHeader = "X-Admin-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (Refuse(http) is { } refused)
        {
            return refused;
        }

        if (http.GetEndpoint()?.Metadata.GetMetadata<AdminAnonymousAttribute>() is not null)
        {
            return await next(context);
        }

        var o = options.CurrentValue;
        if (http.Request.Headers.TryGetValue(KeyHeader, out var given))
        {
            var key = given.ToString();
            switch (await throttle.CheckAsync(() => KeyMatches(o.ApiKey, key), http.RequestAborted))
            {
                case AdminCheck.Passed:
                    return await next(context);
                case AdminCheck.Busy:
                    return Busy(http, throttle);
                default:
                    return TypedResults.Json(new ErrorView("Wrong admin key."), AdminJsonContext.Default.ErrorView, statusCode: StatusCodes.Status401Unauthorized);
            }
        }

        var cookie = http.Request.Cookies[AdminSessions.CookieName];
        if (sessions.IsValid(cookie))
        {
            // A change made with the session cookie must also carry the session's CSRF token, which only the dashboard's
            // own page can read (GET session); the SameSite=Strict cookie alone is not the only line.
            if (!IsSafe(http.Request.Method) && !sessions.CsrfMatches(cookie, http.Request.Headers[AdminSessions.CsrfHeader].ToString()))
            {
                return Forbidden($"A change made with the sign-in cookie needs the {AdminSessions.CsrfHeader} header of this session (reload the dashboard).");
            }

            return await next(context);
        }

        if (IsOpen())
        {
            return await next(context);
        }

        return TypedResults.Json(new ErrorView("Sign in with the admin password, or send the X-Admin-Key header."), AdminJsonContext.Default.ErrorView, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>No password and no key: loopback clients are admitted without signing in.</summary>
    public bool IsOpen() => !passwords.IsSet && string.IsNullOrEmpty(options.CurrentValue.ApiKey);

    public bool IsSignedIn(HttpContext http) => sessions.IsValid(http.Request.Cookies[AdminSessions.CookieName]);

    /// <summary>The request carries the admin's credentials: a signed-in session, or the admin key (checked through the throttle).</summary>
    public async Task<bool> HasCredentialsAsync(HttpContext http)
    {
        if (IsSignedIn(http))
        {
            return true;
        }

        if (!http.Request.Headers.TryGetValue(KeyHeader, out var given) || string.IsNullOrEmpty(options.CurrentValue.ApiKey))
        {
            return false;
        }

        var key = given.ToString();
        return await throttle.CheckAsync(() => KeyMatches(options.CurrentValue.ApiKey, key), http.RequestAborted) == AdminCheck.Passed;
    }

    /// <summary>The 403 for a client or request that may not reach admin pages at all, else null.</summary>
    public IResult? Refuse(HttpContext http)
    {
        var o = options.CurrentValue;
        var loopback = IsLoopback(http.Connection.RemoteIpAddress);
        if (!loopback && !o.AllowRemote)
        {
            return Forbidden("The admin API and dashboard answer loopback clients only; set Admin:AllowRemote (with a password or Admin:ApiKey) to serve others.");
        }

        if (!loopback && IsOpen())
        {
            return Forbidden("Remote admin access needs an admin password ('switchyard admin set-password') or Admin:ApiKey.");
        }

        if (!o.AllowRemote && !IsLoopbackHost(http.Request.Host.Host))
        {
            return Forbidden("The Host header does not name a loopback address.");
        }

        if (!IsSafe(http.Request.Method) && IsCrossSite(http))
        {
            return Forbidden("Cross-site requests cannot change admin state.");
        }

        return null;
    }

    /// <summary>The 429 for a check the throttle refused to queue, with the current delay as Retry-After.</summary>
    public static IResult Busy(HttpContext http, AdminThrottle throttle)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(throttle.NextDelay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(new ErrorView("Too many admin sign-in attempts are waiting; try again later."), AdminJsonContext.Default.ErrorView, statusCode: StatusCodes.Status429TooManyRequests);
    }

    public static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static bool IsLoopbackHost(string host) =>
        string.IsNullOrEmpty(host)
        || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IsLoopback(ip));

    private static bool IsCrossSite(HttpContext http)
    {
        var site = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site")
        {
            return true;
        }

        var origin = http.Request.Headers.Origin.ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || !string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool KeyMatches(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));

    private static IResult Forbidden(string message) =>
        TypedResults.Json(new ErrorView(message), AdminJsonContext.Default.ErrorView, statusCode: StatusCodes.Status403Forbidden);
}
