namespace Switchyard.Protocols.Shared;

/// <summary>Receives every change to a <see cref="ThinkingMemory"/>, to keep it on disk. Must not block.</summary>
internal interface IThinkingJournal
{
    void Saved(string key, SignedThinking thinking, DateTimeOffset expires);

    void Rejected(string key, DateTimeOffset expires);
}
