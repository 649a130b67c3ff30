using System.Net;

namespace Switchyard.Upstream;

/// <summary>
/// The outcome of one Cloud Code call (after host fallback): a value, or the status and a message that
/// never contains a token. Status 0 means no host answered.
/// </summary>
internal readonly record struct UpstreamResult<T>(T? Value, int Status, string? Error)
    where T : class
{
    public bool IsSuccess => Value is not null;

    public bool IsUnauthorized => Status == (int)HttpStatusCode.Unauthorized;

    public static UpstreamResult<T> Ok(T value) => new(value, 200, null);

    public static UpstreamResult<T> Fail(int status, string error) => new(null, status, error);
}
