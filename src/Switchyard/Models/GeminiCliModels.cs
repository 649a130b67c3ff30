namespace Switchyard.Models;

/// <summary>
/// The gemini-cli pool's id for an antigravity Gemini model (upstream-protocol §7), used when quota runs out in
/// antigravity on every account: the 2.5 models exist in both pools under one id; Gemini 3 and 3.1 go to their
/// <c>-preview</c> ids. Claude, image and other models have no gemini-cli twin.
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
            "gemini-2.5-flash-thinking" => "gemini-2.5-flash",
            _ when id.StartsWith("gemini-3.1-pro", StringComparison.Ordinal) => "gemini-3.1-pro-preview",
            _ when id.StartsWith("gemini-3-pro", StringComparison.Ordinal) || id == "gemini-pro-agent" => "gemini-3-pro-preview",
            _ when id.StartsWith("gemini-3-flash", StringComparison.Ordinal) => "gemini-3-flash-preview",
            _ => null,
        };
    }
}
