namespace Switchyard.Quota;

/// <summary>
/// When a family's window runs dry across the pool at the recent rate (issue 19). <c>GET /v1/quota</c> and the MCP
/// <c>quota</c> tool put it in their <c>forecast</c> field. Until the forecast service lands, <see cref="NoQuotaForecast"/>
/// answers null for every window.
/// </summary>
internal interface IQuotaForecast
{
    /// <param name="family"><c>gemini</c> or <c>3p</c>.</param>
    /// <param name="window"><c>5h</c> or <c>weekly</c>.</param>
    QuotaForecast? For(string family, string window);
}

/// <summary>A forecast: when the pool's window runs dry and how many accounts still have it; null fields are unknown.</summary>
internal sealed record QuotaForecast(DateTimeOffset? RunsDryAt, int? AccountsLeft);

/// <summary>No forecast yet: null for every window.</summary>
internal sealed class NoQuotaForecast : IQuotaForecast
{
    public QuotaForecast? For(string family, string window) => null;
}
