using System.Net;

namespace Switchyard.Upstream;

/// <summary>
/// The outcome of one Cloud Code call (after host fallback): a value, or the status and a message that
/// never contains a token. Status 0 means no host answered.
/// </summary>
/// <param name="ErrorBody">The upstream's error body (capped), so a caller can classify it (VALIDATION_REQUIRED, a ban).</param>
/// <param name="Host">The label of the host that gave this outcome.</param>
internal readonly record struct UpstreamResult<T>(T? Value, int Status, string? Error, string? ErrorBody = null, string? Host = null)
    where T : class
{
    public bool IsSuccess => Value is not null;

    public bool IsUnauthorized => Status == (int)HttpStatusCode.Unauthorized;

    public static UpstreamResult<T> Ok(T value, string? host = null) => new(value, 200, null, null, host);

    public static UpstreamResult<T> Fail(int status, string error, string? errorBody = null, string? host = null) => new(null, status, error, errorBody, host);
}
