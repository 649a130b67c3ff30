namespace Switchyard.Emulator.State;

internal sealed class AccessTokenRecord
{
    public required string Value { get; init; }
    public required string Email { get; init; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public bool Revoked { get; set; }
    public string? Scope { get; init; }
}

internal sealed class RefreshTokenRecord
{
    public required string Value { get; init; }
    public required string Email { get; init; }
    public string? ClientId { get; init; }
    public string? Scope { get; init; }
    public bool Revoked { get; set; }
}

internal sealed class AuthorizationCodeRecord
{
    public required string Code { get; init; }
    public required string Email { get; init; }
    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public string? CodeChallenge { get; init; }
    public string? CodeChallengeMethod { get; init; }
    public required string Scope { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Used { get; set; }
}
