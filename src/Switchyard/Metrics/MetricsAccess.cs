using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;
using Switchyard.Foundation.Edge;

namespace Switchyard.Metrics;

/// <summary>
/// Who may read <c>/metrics</c> (account e-mails, quota, traffic). Open only while nothing else is protected: no
/// admin password, admin key, client API key or scrape token, and a loopback bind. Otherwise it takes
/// <see cref="MetricsOptions.ScrapeToken"/> as <c>Authorization: Bearer</c>, or the admin's credentials; anything
/// else is a 401 with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class MetricsAccess(IOptions<MetricsOptions> metrics, IOptions<ServerOptions> server, IMetricsCredentials credentials) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var token = metrics.Value.ScrapeToken;
        if (!IsProtected(token) || (!string.IsNullOrEmpty(token) && Matches(token, Bearer(http.Request))) || await credentials.IsAdminAsync(http))
        {
            return await next(context);
        }

        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"switchyard-metrics\"";
        return TypedResults.Json(
            new PlainError("/metrics needs the scrape token (Authorization: Bearer, Metrics:ScrapeToken) or the admin's credentials."),
            EdgeJsonContext.Default.PlainError, statusCode: StatusCodes.Status401Unauthorized);
    }

    public bool IsProtected(string? token) =>
        credentials.AnySet || !string.IsNullOrEmpty(token) || !ServerOptionsCustomValidator.IsLoopback(server.Value.Host);

    private static string? Bearer(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static bool Matches(string expected, string? presented) =>
        presented is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
