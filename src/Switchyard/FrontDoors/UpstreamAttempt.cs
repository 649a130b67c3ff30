using System.Text.Json;
using Switchyard.Accounts;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream;
using Switchyard.Upstream.Wire;

namespace Switchyard.FrontDoors;

/// <summary>A successful upstream call: the response (headers read, body pending) and the context it was made with.</summary>
internal sealed record UpstreamAttempt(GenerateCall Call, TranslationContext Context, Account Account) : IDisposable
{
    public HttpResponseMessage Response => Call.Response!;

    public void Dispose() => Call.Dispose();

    /// <summary>The generateContent answer, or null when its body is unreadable.</summary>
    public async Task<UpstreamResponseEnvelope?> ReadEnvelopeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await Response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, UpstreamJsonContext.Default.UpstreamResponseEnvelope, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The upstream's countTokens answer, or null when its body is unreadable.</summary>
    public async Task<CountTokensResponse?> ReadCountAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await Response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, UpstreamJsonContext.Default.CountTokensResponse, cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }
}

