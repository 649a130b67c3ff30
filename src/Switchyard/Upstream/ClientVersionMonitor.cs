using Microsoft.Extensions.Options;

namespace Switchyard.Upstream;

/// <summary>The upstream refused the configured client version: when, on which host, with which notice.</summary>
/// <param name="UserAgent">The <c>Upstream:UserAgent</c> value the notice answered.</param>
internal sealed record VersionRejection(string UserAgent, string Notice, string Host, DateTimeOffset Since)
{
    /// <summary>What to tell a user: the notice and the setting to change.</summary>
    public string Advice =>
        $"The upstream refuses Switchyard's client version ({Setting} = '{UserAgent}'): \"{Notice}\" "
        + $"Set {Setting} to a current Antigravity version (e.g. 'antigravity/hub/2.19.1 linux/x64') and restart.";

    public const string Setting = "Upstream:UserAgent";
}

/// <summary>
/// Remembers that the upstream answered the version-floor notice (upstream-2026 §4), for the dashboard banner and the
/// one log line; a normal answer clears it. Thread-safe.
/// </summary>
internal sealed partial class ClientVersionMonitor(IOptionsMonitor<UpstreamOptions> options, TimeProvider time, ILogger<ClientVersionMonitor> logger)
{
    private VersionRejection? _current;

    /// <summary>The rejection in force, or null while the version is accepted.</summary>
    public VersionRejection? Current => Volatile.Read(ref _current);

    /// <summary>Records a version notice from <paramref name="host"/>; logs once until the version is accepted again.</summary>
    public VersionRejection Rejected(string notice, string host)
    {
        var userAgent = options.CurrentValue.UserAgent;
        var previous = Current;
        if (previous is not null && previous.UserAgent == userAgent)
        {
            return previous;
        }

        var rejection = new VersionRejection(userAgent, notice, host, time.GetUtcNow());
        if (Interlocked.CompareExchange(ref _current, rejection, previous) == previous)
        {
            LogRejected(VersionRejection.Setting, userAgent, host, notice);
            return rejection;
        }

        return Current ?? rejection;
    }

    /// <summary>A normal answer: the version is accepted.</summary>
    public void Accepted()
    {
        if (Volatile.Read(ref _current) is not null)
        {
            Volatile.Write(ref _current, null);
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error,
        Message = "The upstream refuses the client version: change {Setting} (now '{UserAgent}') to a current Antigravity version. {Host} answered: {Notice}")]
    private partial void LogRejected(string setting, string userAgent, string host, string notice);
}
