using Microsoft.Extensions.Options;
using Switchyard.RequestLog;

namespace Switchyard.Metrics;

/// <summary>The scrape token (<c>Metrics:ScrapeToken</c>), kept out of captured request bodies.</summary>
internal sealed class ScrapeTokenSecrets(IOptions<MetricsOptions> metrics) : IKnownSecrets
{
    public IEnumerable<string> Values => metrics.Value.ScrapeToken is { Length: > 0 } token ? [token] : [];
}
