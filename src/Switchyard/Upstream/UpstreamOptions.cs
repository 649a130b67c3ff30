using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>One Cloud Code host, tried in list order.</summary>
internal sealed class UpstreamHost
{
    [Required]
    public string Label { get; set; } = "";

    [Required]
    public string BaseUrl { get; set; } = "";
}

/// <summary>The Cloud Code Assist <c>v1internal</c> hosts and the fixed client headers. Section <c>Upstream</c>.</summary>
internal sealed class UpstreamOptions
{
    public const string Section = "Upstream";

    /// <summary>Hosts in fallback order. Empty in configuration means Google's daily-sandbox, daily, prod.</summary>
    [ValidateEnumeratedItems]
    public List<UpstreamHost> Hosts { get; set; } = [];

    /// <summary>
    /// The User-Agent the protocol expects (spec §2; the version floor of upstream-2026 §4 reads the version from it):
    /// a current Antigravity version, the platform part the real one.
    /// </summary>
    [Required]
    public string UserAgent { get; set; } = $"antigravity/hub/2.19.1 {Platform()}";

    /// <summary>The User-Agent of gemini-cli pool calls (upstream-protocol §2.1, §2.3).</summary>
    [Required]
    public string GeminiCliUserAgent { get; set; } = "google-api-nodejs-client/9.15.1";

    [Range(1, 600)]
    public int HttpTimeoutSeconds { get; set; } = 30;

    public static IReadOnlyList<UpstreamHost> DefaultHosts { get; } =
    [
        new() { Label = "daily-sandbox", BaseUrl = "https://daily-cloudcode-pa.sandbox.googleapis.com" },
        new() { Label = "daily", BaseUrl = "https://daily-cloudcode-pa.googleapis.com" },
        new() { Label = "prod", BaseUrl = "https://cloudcode-pa.googleapis.com" },
    ];

    public IReadOnlyList<UpstreamHost> GetEffectiveHosts() => Hosts.Count > 0 ? Hosts : DefaultHosts;

    private static string Platform()
    {
        var os = OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "linux";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.Arm64 => "arm64",
            Architecture.X64 => "x64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}/{arch}";
    }
}

/// <summary>Attribute rules of <see cref="UpstreamOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class UpstreamOptionsValidator : IValidateOptions<UpstreamOptions>;

/// <summary>Each host needs a label and an absolute URL.</summary>
internal sealed class UpstreamOptionsCustomValidator : IValidateOptions<UpstreamOptions>
{
    public ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        for (var i = 0; i < options.Hosts.Count; i++)
        {
            var host = options.Hosts[i];
            if (string.IsNullOrWhiteSpace(host.Label))
            {
                builder.AddError("A host needs a label.", $"Upstream:Hosts:{i}:Label");
            }

            if (!Uri.TryCreate(host.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                builder.AddError($"'{host.BaseUrl}' is not an absolute http(s) URL.", $"Upstream:Hosts:{i}:BaseUrl");
            }
        }

        return builder.Build();
    }
}
