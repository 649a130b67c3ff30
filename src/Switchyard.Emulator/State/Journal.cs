using System.Text.RegularExpressions;

namespace Switchyard.Emulator.State;

/// <summary>The request journal tests query. Bounded; thread-safe.</summary>
internal sealed partial class Journal
{
    private const int Capacity = 20_000;
    private readonly Lock _gate = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private long _seq;

    public JournalEntry Add(JournalEntry entry)
    {
        lock (_gate)
        {
            var stored = entry with { Seq = ++_seq };
            _entries.AddLast(stored);
            if (_entries.Count > Capacity)
            {
                _entries.RemoveFirst();
            }

            return stored;
        }
    }

    public List<JournalEntry> Query(string? label, string? rpc, string? email, long sinceSeq)
    {
        lock (_gate)
        {
            return _entries.Where(e => e.Seq > sinceSeq
                    && (label is null || Glob.IsMatch(label, e.Label))
                    && (rpc is null || Glob.IsMatch(rpc, e.Rpc))
                    && (email is null || Glob.IsMatch(email, e.Email)))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Redacts bearer tokens, refresh tokens, codes, secrets and verifiers from text bound for the journal.</summary>
    public static string Redact(string text) => SecretPattern().Replace(text, m => m.Groups[1].Value + "[redacted]");

    [GeneratedRegex("""((?:refresh_token|access_token|client_secret|code_verifier|code|id_token)(?:"\s*:\s*"|=))[^"&\s]+""")]
    private static partial Regex SecretPattern();
}
