using Switchyard.Protocols.Shared;
using Switchyard.Upstream;

namespace Switchyard.FrontDoors;

/// <summary>A successful upstream call: the response (headers read, body pending) and the context it was made with.</summary>
internal sealed record UpstreamAttempt(GenerateCall Call, TranslationContext Context, PickedAccount Account) : IDisposable
{
    public HttpResponseMessage Response => Call.Response!;

    public void Dispose() => Call.Dispose();
}
