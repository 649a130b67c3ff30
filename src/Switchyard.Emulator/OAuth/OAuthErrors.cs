using System.Text.Json.Nodes;
using Switchyard.Emulator.CloudCode;

namespace Switchyard.Emulator.OAuth;

/// <summary>The token endpoint's error bodies (spec §6.2): <c>{"error", "error_description"}</c>.</summary>
internal static class OAuthErrors
{
    public const string ExpiredOrRevoked = "Token has been expired or revoked.";
    public const string BadRequest = "Bad Request";

    public static JsonReply Reply(string error, string description, int? status = null) =>
        new(status ?? DefaultStatus(error), new JsonObject { ["error"] = error, ["error_description"] = description })
        {
            Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store", ["Pragma"] = "no-cache" },
        };

    public static JsonReply InvalidGrant(string description) => Reply("invalid_grant", description);

    public static JsonReply InvalidRequest(string description) => Reply("invalid_request", description);

    public static JsonReply MissingParameter(string name) => InvalidRequest($"Missing required parameter: {name}");

    public static JsonReply ClientNotFound() => Reply("invalid_client", "The OAuth client was not found.");

    public static JsonReply WrongSecret() => Reply("invalid_client", "Unauthorized");

    public static JsonReply UnauthorizedClient() => Reply("unauthorized_client", "Unauthorized");

    public static int DefaultStatus(string error) => error switch
    {
        "invalid_client" => 401,
        "server_error" => 500,
        "temporarily_unavailable" => 503,
        _ => 400,
    };

    public static string DefaultDescription(string error) => error switch
    {
        "invalid_grant" => ExpiredOrRevoked,
        "invalid_client" => "The OAuth client was not found.",
        "unauthorized_client" => "Unauthorized",
        "server_error" => "Internal error.",
        _ => BadRequest,
    };
}
