using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>
/// Dashboard sign-ins: random opaque tokens held in memory (a restart signs everyone out), each with its own CSRF token
/// that the dashboard keeps in memory and sends as <see cref="CsrfHeader"/> on every change. Thread-safe.
/// </summary>
internal sealed class AdminSessions(IOptionsMonitor<AdminOptions> options, TimeProvider time)
{
    public const string CookieName = "switchyard_admin";
    public const string CsrfHeader = "X-CSRF-Token";
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public (string Token, DateTimeOffset Expires) Create()
    {
        var now = time.GetUtcNow();
        foreach (var (token, session) in _sessions)
        {
            if (session.Expires <= now)
            {
                _sessions.TryRemove(token, out _);
            }
        }

        var created = NewToken();
        var expires = now.AddMinutes(options.CurrentValue.SessionMinutes);
        _sessions[created] = new Session(expires, NewToken());
        return (created, expires);
    }

    public bool IsValid(string? token) =>
        token is { Length: > 0 } && _sessions.TryGetValue(token, out var session) && session.Expires > time.GetUtcNow();

    /// <summary>The CSRF token of a valid session, else null.</summary>
    public string? CsrfFor(string? token) =>
        token is { Length: > 0 } && _sessions.TryGetValue(token, out var session) && session.Expires > time.GetUtcNow() ? session.Csrf : null;

    /// <summary>Whether <paramref name="given"/> is the CSRF token of the session <paramref name="token"/> (compared in constant time).</summary>
    public bool CsrfMatches(string? token, string? given) =>
        CsrfFor(token) is { } expected && given is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    public void Remove(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    /// <summary>Signs everyone out (the password changed).</summary>
    public void Clear() => _sessions.Clear();

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Session(DateTimeOffset Expires, string Csrf);
}
