using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Switchyard.RequestLog;

namespace Switchyard.FrontDoors;

/// <summary>
/// Checks the client's key (<c>x-api-key</c>, <c>Authorization: Bearer</c>, <c>x-goog-api-key</c> or <c>?key=</c>)
/// against <c>Auth:ApiKeys</c>; answers 401 in the protocol's envelope. With no keys configured only loopback
/// connections are served.
/// </summary>
internal sealed class ClientAuthFilter(Func<HttpContext, IProtocolErrors> errors) : IEndpointFilter
{
    public ClientAuthFilter(IProtocolErrors errors)
        : this(_ => errors)
    {
    }

    /// <summary>Start a request-log trace for a POST (the front doors); false for the agent routes.</summary>
    public bool Traced { get; init; } = true;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var trace = Traced && HttpMethods.IsPost(http.Request.Method) ? RequestTracing.Begin(http, errors(http).Protocol) : null;
        var keys = http.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.ApiKeys;
        string? problem;
        if (keys.Count == 0)
        {
            var local = http.Connection.LocalIpAddress;
            problem = local is null || IPAddress.IsLoopback(local) ? null : "This gateway has no API keys configured and serves loopback clients only.";
        }
        else
        {
            var presented = PresentedKey(http.Request);
            var match = presented is null ? null : keys.Find(k => Matches(k.Key, presented));
            problem = presented is null ? "No API key was provided; send it as x-api-key, Authorization: Bearer, x-goog-api-key or ?key=."
                : match is null ? "Invalid API key." : null;
            if (trace is not null)
            {
                trace.ClientKeyName = match?.Name;
            }
        }

        if (problem is null)
        {
            return await next(context);
        }

        if (trace is not null)
        {
            trace.Error = problem;
        }

        await FrontDoor.WriteErrorAsync(http, errors(http).Unauthorized(problem));
        return Results.Empty;
    }

    public static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers["x-api-key"].ToString() is { Length: > 0 } apiKey)
        {
            return apiKey;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        if (request.Headers["x-goog-api-key"].ToString() is { Length: > 0 } googKey)
        {
            return googKey;
        }

        return request.Query["key"].ToString() is { Length: > 0 } queryKey ? queryKey : null;
    }

    private static bool Matches(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
