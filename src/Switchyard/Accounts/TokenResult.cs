namespace Switchyard.Accounts;

/// <summary>An access token and when it stops working.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>Why no token could be had for an account.</summary>
internal enum TokenFailureKind
{
    NotFound,
    Disabled,
    InvalidGrant,
    NotConfigured,
    Transient,
}

/// <summary>A token, or why there is none; the message never contains a secret.</summary>
internal readonly record struct TokenResult(AccessToken? Token, TokenFailureKind? Failure, string? Error)
{
    public static TokenResult Ok(AccessToken token) => new(token, null, null);

    public static TokenResult Fail(TokenFailureKind kind, string error) => new(null, kind, error);
}
