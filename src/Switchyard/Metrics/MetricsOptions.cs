using Switchyard.Foundation;

namespace Switchyard.Metrics;

/// <summary><c>/metrics</c>. Section <c>Metrics</c>.</summary>
internal sealed class MetricsOptions : IGatewayOptions<MetricsOptions>
{
    public const string Section = "Metrics";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, MetricsOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>
    /// A bearer token Prometheus sends (<c>authorization: {credentials: …}</c> in the scrape config) to read
    /// <c>/metrics</c> when it is protected. Setting it also protects <c>/metrics</c>.
    /// </summary>
    public string? ScrapeToken { get; set; }
}
