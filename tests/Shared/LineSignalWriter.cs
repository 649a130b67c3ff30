using System.Text;

namespace Switchyard.Testing;

/// <summary>A TextWriter that keeps what is written and completes a task when a line containing a marker appears.</summary>
internal sealed class LineSignalWriter(string marker) : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public Task<string> Seen => _seen.Task;

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
            if (value == '\n')
            {
                var lines = _text.ToString().Split('\n');
                var line = lines[^2];
                if (line.Contains(marker, StringComparison.Ordinal))
                {
                    _seen.TrySetResult(line);
                }
            }
        }
    }
}
