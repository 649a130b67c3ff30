using Microsoft.Extensions.Options;
using Switchyard.RequestLog;

namespace Switchyard.FrontDoors;

/// <summary>The client API keys (<c>Auth:ApiKeys</c>), kept out of captured request bodies.</summary>
internal sealed class ClientKeySecrets(IOptions<AuthOptions> auth) : IKnownSecrets
{
    public IEnumerable<string> Values => auth.Value.ApiKeys.Select(k => k.Key);
}
