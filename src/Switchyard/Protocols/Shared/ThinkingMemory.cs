using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Models;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Signed thinking seen in upstream responses, so a later turn whose client dropped, split or altered it can send
/// the upstream the exact block it signed. Claude thinking is kept under the key of the turn's first tool call
/// (<see cref="CallKey"/>) and under a hash of its text (<see cref="TextKey"/>: the text's signature is then
/// known valid); a Gemini function-call signature under its call's key. Signatures the upstream refused are
/// remembered as rejected and never sent again. Bounded (the oldest entries go first) and expiring; with a
/// <see cref="Journal"/> every change is also written to disk, and <see cref="Load"/> restores them after a restart.
/// Thread-safe.
/// </summary>
internal sealed class ThinkingMemory(int capacity = ThinkingMemory.DefaultCapacity, TimeProvider? time = null, TimeSpan? timeToLive = null)
{
    public const int DefaultCapacity = 4096;

    /// <summary>Real upstream signatures are at least this long; anything shorter cannot be valid.</summary>
    public const int MinSignatureLength = 50;

    /// <summary>Accepted by the upstream in place of a Gemini function-call signature; never a thinking block's signature.</summary>
    public const string SkipSignatureSentinel = "skip_thought_signature_validator";

    /// <summary>The prefix of a rejected signature's key (followed by a hash of the signature).</summary>
    public const string RejectedPrefix = "rejected-sha256:";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _rejected = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _rejectedOrder = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _timeToLive = timeToLive ?? TimeSpan.FromDays(7);

    public int Count => _entries.Count;

    /// <summary>Where changes are written for the next start (null: memory only).</summary>
    public IThinkingJournal? Journal { get; set; }

    public void Remember(string key, SignedThinking thinking)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(thinking);
        if (IsRejected(thinking.Signature))
        {
            return;
        }

        var expires = _time.GetUtcNow() + _timeToLive;
        Put(key, new Entry(thinking, expires));
        Journal?.Saved(key, thinking, expires);
    }

    /// <summary>Claude thinking signed by the upstream: under the turn's first call (when there is one) and under its text.</summary>
    public void RememberClaude(string? callKey, string text, string signature)
    {
        if (callKey is not null)
        {
            Remember(callKey, new SignedThinking(text, signature, ModelFamily.Claude));
        }

        if (text.Length > 0)
        {
            // The text is the key's own input: only the signature needs keeping.
            Remember(TextKey(text), new SignedThinking("", signature, ModelFamily.Claude));
        }
    }

    /// <summary>The entry under <paramref name="key"/>, unless it expired or its signature was rejected since.</summary>
    public SignedThinking? Find(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Expires <= _time.GetUtcNow() || IsRejected(entry.Value.Signature))
        {
            _entries.TryRemove(key, out _);
            return null;
        }

        return entry.Value;
    }

    /// <summary>The Claude signature the upstream gave for exactly this thinking text, if known.</summary>
    public string? SignatureFor(string text) =>
        text.Length > 0 && Find(TextKey(text)) is { Family: ModelFamily.Claude } known ? known.Signature : null;

    /// <summary>The upstream signed exactly this text with exactly this signature (and has not refused it since).</summary>
    public bool IsKnownValid(string text, string? signature) => signature is not null && SignatureFor(text) == signature;

    /// <summary>The upstream refused <paramref name="signature"/>: it is never sent again, and entries carrying it are gone.</summary>
    public void Reject(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var key = RejectedKey(signature);
        var expires = _time.GetUtcNow() + _timeToLive;
        AddRejected(key, expires);
        Journal?.Rejected(key, expires);
    }

    public bool IsRejected(string? signature) =>
        signature is not null && _rejected.TryGetValue(RejectedKey(signature), out var expires) && expires > _time.GetUtcNow();

    /// <summary>Entries read back from disk at start (expired ones are skipped); not written again.</summary>
    public void Load(IEnumerable<StoredThinking> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var now = _time.GetUtcNow();
        foreach (var item in stored)
        {
            if (item.Expires <= now)
            {
                continue;
            }

            if (item.Key.StartsWith(RejectedPrefix, StringComparison.Ordinal))
            {
                AddRejected(item.Key, item.Expires);
            }
            else if (item.Thinking is { } thinking)
            {
                Put(item.Key, new Entry(thinking, item.Expires));
            }
        }
    }

    /// <summary>Long enough to be a real signature, and not the sentinel.</summary>
    public static bool LooksReal(string? signature) =>
        signature is { Length: >= MinSignatureLength } && signature != SkipSignatureSentinel;

    /// <summary>The key for a thinking text: <c>thinking-sha256:</c> + 32 hex chars.</summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "thinking-sha256:" + Convert.ToHexStringLower(hash, 0, 16);
    }

    /// <summary>The key for a function call: its id, else its name and a hash of its arguments.</summary>
    public static string CallKey(FunctionCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!string.IsNullOrEmpty(call.Id))
        {
            return call.Id;
        }

        var args = call.Args?.ToJsonString() ?? "{}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(args));
        return $"fn:{call.Name}:{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    private static string RejectedKey(string signature) =>
        RejectedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)), 0, 16);

    private void Put(string key, Entry entry)
    {
        if (_entries.TryAdd(key, entry))
        {
            _order.Enqueue(key);
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }
        else
        {
            _entries[key] = entry;
        }
    }

    private void AddRejected(string key, DateTimeOffset expires)
    {
        if (_rejected.TryAdd(key, expires))
        {
            _rejectedOrder.Enqueue(key);
            while (_rejected.Count > capacity && _rejectedOrder.TryDequeue(out var oldest))
            {
                _rejected.TryRemove(oldest, out _);
            }
        }
        else
        {
            _rejected[key] = expires;
        }
    }

    private sealed record Entry(SignedThinking Value, DateTimeOffset Expires);
}

/// <summary>Thinking text with the signature the upstream gave it, and the model family that signed it.</summary>
internal sealed record SignedThinking(string Text, string Signature, ModelFamily Family);

/// <summary>One entry as kept on disk: a thinking entry, or (key <see cref="ThinkingMemory.RejectedPrefix"/>…, no thinking) a rejected signature.</summary>
internal sealed record StoredThinking(string Key, SignedThinking? Thinking, DateTimeOffset Expires);
