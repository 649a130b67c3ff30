namespace Switchyard.Models;

/// <summary>
/// The gemini-cli pool's id for an antigravity Gemini model (upstream-protocol §7), used when quota runs out in
/// antigravity on every account: Gemini 3.1 Pro (low and high) goes to <c>gemini-3.1-pro-preview</c>, every Gemini 3.x
/// Flash to <c>gemini-3-flash-preview</c>. Claude, image, Flash Lite and other models have no gemini-cli twin.
/// </summary>
internal static class GeminiCliModels
{
    public static string? For(ModelRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.Family != ModelFamily.Gemini || route.ImageGeneration)
        {
            return null;
        }

        var id = route.UpstreamModel;
        return id switch
        {
            "gemini-2.5-pro" or "gemini-2.5-flash" => id,
            "gemini-pro-agent" => "gemini-3.1-pro-preview",
            _ when id.StartsWith("gemini-3.1-pro", StringComparison.Ordinal) => "gemini-3.1-pro-preview",
            _ when id.StartsWith("gemini-3-pro", StringComparison.Ordinal) => "gemini-3-pro-preview",
            _ when id.StartsWith("gemini-3", StringComparison.Ordinal) && id.Contains("-flash", StringComparison.Ordinal)
                && !id.Contains("-lite", StringComparison.Ordinal) => "gemini-3-flash-preview",
            _ => null,
        };
    }
}
