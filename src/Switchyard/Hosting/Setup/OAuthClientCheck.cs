using System.Text.Json;

namespace Switchyard.Hosting.Setup;

/// <summary>
/// Asks Google's token endpoint (or the emulator's) whether it knows an OAuth client, without signing anyone in: it
/// redeems a code that cannot be valid. A known client with the right secret gets <c>invalid_grant</c> (the code is
/// refused, so the client was accepted); an unknown client or a wrong secret gets <c>invalid_client</c>.
/// </summary>
internal static class OAuthClientCheck
{
    /// <summary>Null when the endpoint accepted the client; else why not, in one sentence.</summary>
    public static async Task<string?> RunAsync(HttpClient http, string tokenUrl, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "4/switchyard-init-client-check",
            ["redirect_uri"] = "http://127.0.0.1/oauth-callback",
            ["code_verifier"] = new string('v', 43),
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        };
        string body;
        int status;
        try
        {
            using var response = await http.PostAsync(tokenUrl, new FormUrlEncodedContent(form), cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"The token endpoint {tokenUrl} could not be reached ({ex.Message}); pass --skip-check to write the configuration anyway.";
        }

        var (error, description) = ReadError(body);
        return error switch
        {
            "invalid_grant" => null,
            "invalid_client" => $"The token endpoint refused the client (invalid_client: {description ?? "no description"}): the client id is unknown or the secret does not match it.",
            null => $"The token endpoint answered {status} without an OAuth error, which no real token endpoint does; check OAuth:TokenUrl.",
            _ => $"The token endpoint answered {error}{(description is null ? "" : $": {description}")}; the client cannot be used as it is.",
        };
    }

    private static (string? Error, string? Description) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (
                root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null,
                root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
