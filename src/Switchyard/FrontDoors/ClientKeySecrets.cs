using Microsoft.Extensions.Options;
using Switchyard.RequestLog;

namespace Switchyard.FrontDoors;

/// <summary>The client API keys (<c>Auth:ApiKeys</c>), kept out of captured request bodies.</summary>
internal sealed class ClientKeySecrets(IOptionsMonitor<AuthOptions> auth) : IKnownSecrets
{
    public IEnumerable<string> Values => auth.CurrentValue.ApiKeys.Select(k => k.Key);
}
