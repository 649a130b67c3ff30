using System.Text.Json.Serialization;

namespace Switchyard.Emulator.Control;

/// <summary>Tokens minted through the control API, in the shape of Google's token endpoint.</summary>
public sealed record TokenGrant(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record ClockReading(DateTimeOffset Now);

/// <summary>A control-API call that named something wrong; answered 400 with the message.</summary>
internal sealed class ControlException(string message, int status = 400) : Exception(message)
{
    public int Status { get; } = status;
}
