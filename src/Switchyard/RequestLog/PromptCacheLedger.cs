namespace Switchyard.RequestLog;

/// <summary>Prompt-cache use of one account or session since start: prompt tokens, the cached part, and their ratio.</summary>
/// <param name="Key">The account's e-mail (or id) or the session key hash.</param>
/// <param name="Account">For a session: the account of its last request.</param>
/// <param name="LastPromptTokens">For a session: the prompt tokens of its last request (what a move to another account is expected to lose).</param>
internal sealed record CacheUse(string Key, long Requests, long PromptTokens, long CachedTokens, string? Account = null, int LastPromptTokens = 0)
{
    /// <summary>Cached ÷ prompt tokens (0 to 1); null before any prompt token was counted.</summary>
    public double? HitRate => PromptTokens > 0 ? Math.Round((double)CachedTokens / PromptTokens, 4) : null;
}

/// <summary>
/// Prompt-cache hit rates (issue 19) from the upstream's <c>cachedContentTokenCount</c>: per account and per session, in
/// memory since start (an <see cref="IRequestSink"/>); sessions are bounded to the <see cref="MaxSessions"/> most recent.
/// The dispatcher asks <see cref="LastOf"/> when a session's request goes to another account, to record the expected
/// cache cost in the trace. Thread-safe.
/// </summary>
internal sealed class PromptCacheLedger : IRequestSink
{
    public const int MaxSessions = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CacheUse> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedListNode<CacheUse>> _sessions = new(StringComparer.Ordinal);
    private readonly LinkedList<CacheUse> _recent = new();

    public void Record(RequestTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.InputTokens is not { } prompt || prompt <= 0 || (trace.AccountEmail ?? trace.AccountId) is not { } account)
        {
            return;
        }

        var cached = Math.Clamp(trace.CachedTokens ?? 0, 0, prompt);
        lock (_gate)
        {
            _accounts[account] = _accounts.TryGetValue(account, out var a)
                ? a with { Requests = a.Requests + 1, PromptTokens = a.PromptTokens + prompt, CachedTokens = a.CachedTokens + cached }
                : new CacheUse(account, 1, prompt, cached);
            if (trace.SessionKeyHash is not { } session)
            {
                return;
            }

            CacheUse use;
            if (_sessions.TryGetValue(session, out var node))
            {
                var s = node.Value;
                use = s with { Requests = s.Requests + 1, PromptTokens = s.PromptTokens + prompt, CachedTokens = s.CachedTokens + cached, Account = trace.AccountId, LastPromptTokens = prompt };
                _recent.Remove(node);
            }
            else
            {
                use = new CacheUse(session, 1, prompt, cached, trace.AccountId, prompt);
                while (_sessions.Count >= MaxSessions && _recent.Last is { } oldest)
                {
                    _sessions.Remove(oldest.Value.Key);
                    _recent.RemoveLast();
                }
            }

            _sessions[session] = _recent.AddFirst(use);
        }
    }

    /// <summary>The session's last request: its account id and prompt tokens; null when unknown.</summary>
    public CacheUse? LastOf(string sessionHash)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(sessionHash, out var node) ? node.Value : null;
        }
    }

    public IReadOnlyList<CacheUse> Accounts()
    {
        lock (_gate)
        {
            return [.. _accounts.Values.OrderBy(a => a.Key, StringComparer.Ordinal)];
        }
    }

    /// <summary>The <paramref name="limit"/> most recent sessions, newest first.</summary>
    public IReadOnlyList<CacheUse> Sessions(int limit)
    {
        lock (_gate)
        {
            return [.. _recent.Take(limit)];
        }
    }
}
