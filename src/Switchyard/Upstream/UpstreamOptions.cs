using Switchyard.Foundation;
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
internal sealed class UpstreamOptions : IGatewayOptions<UpstreamOptions>
{
    public const string Section = "Upstream";

    /// <inheritdoc/>
    /// <remarks>Keeps <see cref="UpstreamHost"/>'s properties for the start-up key check, which reads them by reflection.</remarks>
    [System.Diagnostics.CodeAnalysis.DynamicDependency(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties, typeof(UpstreamHost))]
    public static void Bind(IConfiguration section, UpstreamOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>
    /// Hosts in fallback order. Empty in configuration means Google's daily, then prod: the order the official 2026
    /// clients use (upstream-2026 §8.2; the sandbox host is dropped).
    /// </summary>
    [ValidateEnumeratedItems]
    public List<UpstreamHost> Hosts { get; set; } = [];

    /// <summary>
    /// Labels of the hosts the quota RPCs (retrieveUserQuotaSummary, loadCodeAssist for credits) ask, in order. Empty
    /// means every host with the <see cref="StaleQuotaHosts"/> last: prod answers stale "100 % left" figures while
    /// daily is live (upstream-2026 §1.1).
    /// </summary>
    public List<string> QuotaHosts { get; set; } = [];

    /// <summary>Labels of hosts whose quota figures lag (prod): a reading from them is shown as stale and never releases a limit.</summary>
    public List<string>? StaleQuotaHosts { get; set; }

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
        new() { Label = "daily", BaseUrl = "https://daily-cloudcode-pa.googleapis.com" },
        new() { Label = "prod", BaseUrl = "https://cloudcode-pa.googleapis.com" },
    ];

    /// <summary>The default of <see cref="StaleQuotaHosts"/>. (Null rather than a filled list: the binder appends to a default.)</summary>
    public static IReadOnlyList<string> DefaultStaleQuotaHosts { get; } = ["prod"];

    public IReadOnlyList<UpstreamHost> GetEffectiveHosts() => Hosts.Count > 0 ? Hosts : DefaultHosts;

    /// <summary>The hosts the quota RPCs ask, in order (see <see cref="QuotaHosts"/>).</summary>
    public IReadOnlyList<UpstreamHost> GetQuotaHosts()
    {
        var hosts = GetEffectiveHosts();
        if (QuotaHosts.Count > 0)
        {
            var chosen = QuotaHosts
                .Select(label => hosts.FirstOrDefault(h => string.Equals(h.Label, label, StringComparison.OrdinalIgnoreCase)))
                .OfType<UpstreamHost>()
                .ToList();
            if (chosen.Count > 0)
            {
                return chosen;
            }
        }

        return [.. hosts.Where(h => !IsStaleQuotaHost(h.Label)), .. hosts.Where(h => IsStaleQuotaHost(h.Label))];
    }

    /// <summary>Whether quota figures from the host labelled <paramref name="label"/> lag behind (see <see cref="StaleQuotaHosts"/>).</summary>
    public bool IsStaleQuotaHost(string? label) =>
        label is not null && (StaleQuotaHosts ?? DefaultStaleQuotaHosts).Contains(label, StringComparer.OrdinalIgnoreCase);

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

        var labels = options.GetEffectiveHosts().Select(h => h.Label).ToList();
        for (var i = 0; i < options.QuotaHosts.Count; i++)
        {
            if (!labels.Contains(options.QuotaHosts[i], StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"'{options.QuotaHosts[i]}' is not the label of a host. Hosts: {string.Join(", ", labels)}.", $"Upstream:QuotaHosts:{i}");
            }
        }

        return builder.Build();
    }
}
