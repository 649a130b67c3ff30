using System.Text.Json.Nodes;

namespace Switchyard.Emulator.CloudCode;

/// <summary>Google's error envelope <c>{"error":{code,message,status,details}}</c> and the common errors.</summary>
internal static class GoogleErrors
{
    public const string Domain = "cloudcode-pa.googleapis.com";

    public static JsonReply Build(int code, string status, string message, JsonArray? details = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status };
        if (details is { Count: > 0 })
        {
            error["details"] = details;
        }

        return new JsonReply(code, new JsonObject { ["error"] = error }) { Headers = headers };
    }

    public static JsonObject ErrorInfo(string reason, JsonObject? metadata = null)
    {
        var info = new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
            ["reason"] = reason,
            ["domain"] = Domain,
        };
        if (metadata is not null)
        {
            info["metadata"] = metadata;
        }

        return info;
    }

    public static JsonObject RetryInfo(TimeSpan delay) => new()
    {
        ["@type"] = "type.googleapis.com/google.rpc.RetryInfo",
        ["retryDelay"] = Durations.Seconds(delay),
    };

    public static JsonReply InvalidArgument(string message) => Build(400, "INVALID_ARGUMENT", message);

    public static JsonReply MissingCredential() => Build(401, "UNAUTHENTICATED",
        "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");

    public static JsonReply InvalidCredential() => Build(401, "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        headers: new Dictionary<string, string>
        {
            ["WWW-Authenticate"] = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"",
        });

    public static JsonReply PermissionDenied(string message = "The caller does not have permission") =>
        Build(403, "PERMISSION_DENIED", message);

    public static JsonReply NotFound(string message = "Requested entity was not found.") => Build(404, "NOT_FOUND", message);

    public static JsonReply InvalidJson(string detail) => InvalidArgument($"Invalid JSON payload received. {detail}");

    public static JsonReply UnknownField(string name, string path) =>
        InvalidArgument($"Invalid JSON payload received. Unknown name \"{name}\" at '{path}': Cannot find field.");
}
