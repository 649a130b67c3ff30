namespace Switchyard.Metrics;

/// <summary>
/// What <see cref="MetricsAccess"/> needs to know about the gateway's other credentials, supplied by the composition
/// root (the admin API and the client keys live beside Metrics, not below it).
/// </summary>
internal interface IMetricsCredentials
{
    /// <summary>An admin password, an admin key or a client API key is configured.</summary>
    bool AnySet { get; }

    /// <summary>The request carries the admin's credentials (a signed-in session or the admin key).</summary>
    Task<bool> IsAdminAsync(HttpContext http);
}
