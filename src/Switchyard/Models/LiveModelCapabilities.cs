namespace Switchyard.Models;

/// <summary>
/// What the upstream's live catalogue (fetchAvailableModels) last said about special models: <c>webSearchModelIds</c>
/// (the models that take the googleSearch tool) and <c>imageGenerationModelIds</c>. Empty until the quota refresh
/// first reads a catalogue; the last non-empty list wins. Thread-safe (an immutable snapshot swapped whole).
/// </summary>
internal sealed class LiveModelCapabilities
{
    private volatile Snapshot _current = new([], []);

    public IReadOnlyList<string> WebSearchModelIds => _current.WebSearch;

    public IReadOnlyList<string> ImageGenerationModelIds => _current.ImageGeneration;

    /// <summary>Takes the lists of one catalogue read; an empty list keeps the one known before.</summary>
    public void Update(IReadOnlyList<string>? webSearch, IReadOnlyList<string>? imageGeneration)
    {
        var current = _current;
        _current = new Snapshot(
            webSearch is { Count: > 0 } w ? [.. w] : current.WebSearch,
            imageGeneration is { Count: > 0 } i ? [.. i] : current.ImageGeneration);
    }

    private sealed record Snapshot(IReadOnlyList<string> WebSearch, IReadOnlyList<string> ImageGeneration);
}
