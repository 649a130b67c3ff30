using Switchyard.Emulator.CloudCode;
using Switchyard.Emulator.Faults;

namespace Switchyard.Emulator.OAuth;

/// <summary>What a fault rule matched on an OAuth call does (spec §8.4: <c>oauth</c>, <c>userinfo</c>, <c>networkReset</c>).</summary>
internal static class OAuthFaults
{
    /// <summary>The reply replacing a token call, or null when the action does not apply to the token endpoint.</summary>
    public static EmulatorReply? Token(FaultAction action) => action.Type switch
    {
        "networkReset" => new NetworkResetReply(),
        "oauth" => OAuthErrors.Reply(
            action.String("error") ?? "invalid_grant",
            action.String("description") ?? OAuthErrors.DefaultDescription(action.String("error") ?? "invalid_grant"),
            action.Int("status")),
        _ => null,
    };

    /// <summary>The reply replacing a userinfo call, or null when the action does not apply to userinfo.</summary>
    public static EmulatorReply? UserInfo(FaultAction action) => action.Type switch
    {
        "networkReset" => new NetworkResetReply(),
        "userinfo" => UserInfoStatus(action.Int("status") ?? 401),
        _ => null,
    };

    private static JsonReply UserInfoStatus(int status) => status switch
    {
        401 => GoogleErrors.InvalidCredential(),
        403 => GoogleErrors.PermissionDenied("Request had insufficient authentication scopes."),
        404 => GoogleErrors.NotFound(),
        429 => GoogleErrors.Build(429, "RESOURCE_EXHAUSTED", "Quota exceeded."),
        503 => GoogleErrors.Build(503, "UNAVAILABLE", "The service is currently unavailable."),
        >= 500 => GoogleErrors.Build(status, "INTERNAL", "Internal error encountered."),
        _ => GoogleErrors.Build(status, "UNKNOWN", "Emulated userinfo failure."),
    };
}
