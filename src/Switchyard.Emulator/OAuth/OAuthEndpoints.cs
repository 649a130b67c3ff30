namespace Switchyard.Emulator.OAuth;

/// <summary>Google OAuth: authorize, token, userinfo (spec §6). (Stub: owned by the identity work.)</summary>
internal static class OAuthEndpoints
{
    public static void MapOAuth(this IEndpointRouteBuilder app) => _ = app;
}
