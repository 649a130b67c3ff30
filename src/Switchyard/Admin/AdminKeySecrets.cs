using Microsoft.Extensions.Options;
using Switchyard.RequestLog;

namespace Switchyard.Admin;

/// <summary>The admin key (<c>Admin:ApiKey</c>), kept out of captured request bodies.</summary>
internal sealed class AdminKeySecrets(IOptionsMonitor<AdminOptions> admin) : IKnownSecrets
{
    public IEnumerable<string> Values => admin.CurrentValue.ApiKey is { Length: > 0 } key ? [key] : [];
}
