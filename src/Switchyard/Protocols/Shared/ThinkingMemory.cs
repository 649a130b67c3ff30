using System.Collections.Concurrent;

namespace Switchyard.Protocols.Shared;

/// <summary>
/// Signed thinking seen in upstream responses, keyed by the id of the tool call that followed it (or by
/// a hash of the thinking text), so a later turn whose client dropped or altered the thinking can send the
/// upstream a block it accepts. Bounded: the oldest entries go first. Thread-safe.
/// </summary>
internal sealed class ThinkingMemory(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, SignedThinking> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public int Count => _entries.Count;

    public void Remember(string key, SignedThinking thinking)
    {
        if (_entries.TryAdd(key, thinking))
        {
            _order.Enqueue(key);
            while (_entries.Count > capacity && _order.TryDequeue(out var oldest))
            {
                _entries.TryRemove(oldest, out _);
            }
        }
        else
        {
            _entries[key] = thinking;
        }
    }

    public SignedThinking? Find(string key) => _entries.GetValueOrDefault(key);
}

/// <summary>Thinking text with the signature the upstream gave it, and the model family that signed it.</summary>
internal sealed record SignedThinking(string Text, string Signature, Models.ModelFamily Family);
