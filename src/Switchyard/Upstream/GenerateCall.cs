namespace Switchyard.Upstream;

/// <summary>
/// The outcome of one generate / countTokens call after host fallback: a successful response whose body the
/// caller reads (and disposes), or the failing status and body. Status 0 means no host answered.
/// </summary>
/// <param name="Response">The 2xx response, headers read, body not yet consumed; null on failure.</param>
/// <param name="Status">HTTP status of the last answer, 0 when no host answered.</param>
/// <param name="ErrorBody">The upstream's error body (or a message when no host answered), on failure.</param>
/// <param name="Headers">Response headers of the failing answer, for Retry-After.</param>
/// <param name="HostLabel">The label of the host that gave this outcome.</param>
internal sealed record GenerateCall(
    HttpResponseMessage? Response,
    int Status,
    string? ErrorBody,
    IReadOnlyDictionary<string, string>? Headers,
    string HostLabel) : IDisposable
{
    public bool IsSuccess => Response is not null;

    public void Dispose() => Response?.Dispose();
}
