using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Switchyard.Admin;

/// <summary>Dashboard sign-ins: random opaque tokens held in memory (a restart signs everyone out). Thread-safe.</summary>
internal sealed class AdminSessions(IOptionsMonitor<AdminOptions> options, TimeProvider time)
{
    public const string CookieName = "switchyard_admin";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);

    public (string Token, DateTimeOffset Expires) Create()
    {
        var now = time.GetUtcNow();
        foreach (var (token, expiry) in _sessions)
        {
            if (expiry <= now)
            {
                _sessions.TryRemove(token, out _);
            }
        }

        var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = now.AddMinutes(options.CurrentValue.SessionMinutes);
        _sessions[created] = expires;
        return (created, expires);
    }

    public bool IsValid(string? token) =>
        token is { Length: > 0 } && _sessions.TryGetValue(token, out var expires) && expires > time.GetUtcNow();

    public void Remove(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    /// <summary>Signs everyone out (the password changed).</summary>
    public void Clear() => _sessions.Clear();
}
