using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.Emulator.CloudCode;

/// <summary>
/// The client version a User-Agent carries (2026 §4.2). Two version lines: the Antigravity IDE / hub
/// (<c>antigravity/1.23.2 darwin/arm64</c>, <c>antigravity/hub/2.9.1 darwin/arm64</c>,
/// <c>Antigravity/4.3.0 (Macintosh) Chrome/… Electron/…</c>, <c>vscode/1.X.X (Antigravity/2.9.1)</c>, and any of
/// them followed by <c> google-api-nodejs-client/…</c> as onboardUser sends it) and the <c>agy</c> CLI
/// (<c>antigravity/cli/1.1.10 (aidev_client; …)</c>).
/// </summary>
internal sealed partial record ClientVersion(string Line, Version Version)
{
    public const string IdeLine = "ide";
    public const string CliLine = "cli";

    /// <summary>The first Antigravity product token in the User-Agent, or null when there is none.</summary>
    public static ClientVersion? Parse(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent) || ProductToken().Match(userAgent) is not { Success: true } match)
        {
            return null;
        }

        var version = new Version(
            int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture),
            match.Groups["patch"].Success ? int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture) : 0);
        var line = string.Equals(match.Groups["line"].Value, "cli", StringComparison.OrdinalIgnoreCase) ? CliLine : IdeLine;
        return new ClientVersion(line, version);
    }

    /// <summary>A configured floor such as <c>"2.9.0"</c>; null when empty or not a version.</summary>
    public static Version? Floor(string text) =>
        Version.TryParse(text, out var version) ? new Version(version.Major, version.Minor, Math.Max(0, version.Build)) : null;

    [GeneratedRegex(@"(?<![A-Za-z])antigravity/(?:(?<line>hub|cli)/)?(?<major>\d{1,6})\.(?<minor>\d{1,6})(?:\.(?<patch>\d{1,6}))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProductToken();
}
