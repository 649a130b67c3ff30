namespace Switchyard.Emulator.Generation;

/// <summary>Scripted replies queued per test. Thread-safe. (Stub: owned by the generation work.)</summary>
internal sealed class ScriptBook
{
    private readonly Lock _gate = new();

    public void Clear()
    {
        lock (_gate)
        {
        }
    }
}
