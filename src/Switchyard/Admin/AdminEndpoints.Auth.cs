using System.Text.Json;

namespace Switchyard.Admin;

internal static partial class AdminEndpoints
{
    private static void MapAuth(RouteGroupBuilder admin)
    {
        admin.MapGet("/session", (HttpContext http, AdminAccess access, AdminSessions sessions, AdminPasswordStore passwords, Microsoft.Extensions.Options.IOptionsMonitor<AdminOptions> options) =>
            TypedResults.Json(
                new SessionView(access.IsSignedIn(http) || access.IsOpen(), passwords.IsSet, !string.IsNullOrEmpty(options.CurrentValue.ApiKey), access.IsOpen(),
                    sessions.CsrfFor(http.Request.Cookies[AdminSessions.CookieName])),
                AdminJsonContext.Default.SessionView))
            .WithMetadata(new AdminAnonymousAttribute())
            .WithSummary("Whether this client is signed in, and what protects the admin API; csrfToken (signed in) goes in the X-CSRF-Token header of every change.");

        admin.MapPost("/login", LoginAsync)
            .WithMetadata(new AdminAnonymousAttribute())
            .Accepts<LoginBody>("application/json")
            .WithSummary("Signs in with the admin password: sets an HttpOnly, SameSite=Strict session cookie. After wrong passwords (from any client) the next check waits, doubling up to Admin:MaxFailureDelaySeconds, before the hash.");

        admin.MapPost("/logout", (HttpContext http, AdminSessions sessions) =>
        {
            sessions.Remove(http.Request.Cookies[AdminSessions.CookieName]);
            http.Response.Cookies.Delete(AdminSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
            return TypedResults.NoContent();
        }).WithMetadata(new AdminAnonymousAttribute()).WithSummary("Ends the session.");
    }

    private static async Task<IResult> LoginAsync(HttpContext http, AdminPasswordStore passwords, AdminSessions sessions, AdminThrottle throttle)
    {
        var (body, error) = await ReadObjectAsync(http.Request);
        if (error is not null)
        {
            return error;
        }

        if (!passwords.IsSet)
        {
            return Error(StatusCodes.Status400BadRequest, "No admin password is set; set one with 'switchyard admin set-password'.");
        }

        var password = body!.Value.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

        // The throttle's wait (for every client together) comes before the hash, and hashes run one at a time.
        switch (await throttle.CheckAsync(() => !string.IsNullOrEmpty(password) && passwords.Verify(password), http.RequestAborted))
        {
            case AdminCheck.Busy:
                return AdminAccess.Busy(http, throttle);
            case AdminCheck.Failed:
                return Error(StatusCodes.Status401Unauthorized, "Wrong password.");
        }

        var (token, expires) = sessions.Create();
        http.Response.Cookies.Append(AdminSessions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            Expires = expires,
        });
        return TypedResults.NoContent();
    }
}
