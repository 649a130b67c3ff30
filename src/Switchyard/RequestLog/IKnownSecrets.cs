namespace Switchyard.RequestLog;

/// <summary>
/// Secrets the gateway itself is configured with (client API keys, the admin key, the scrape token), which
/// <see cref="BodyRedactor"/> removes from captured request bodies whatever their shape. Each layer that owns such a
/// setting registers one.
/// </summary>
internal interface IKnownSecrets
{
    /// <summary>The secrets now configured (read each time, so a runtime change is followed).</summary>
    IEnumerable<string> Values { get; }
}
