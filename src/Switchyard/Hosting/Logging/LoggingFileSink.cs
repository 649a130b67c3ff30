using System.Globalization;
using System.Text;
using Switchyard.Foundation;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// Appends lines to <c>&lt;dir&gt;/&lt;name&gt;.log</c> (owner-only), rotating by size: the current file becomes
/// <c>&lt;name&gt;.1.log</c>, older ones shift up and those beyond <see cref="LoggingFileOptions.MaxFiles"/> go.
/// Thread-safe (one lock; writes are small and rare at the default level).
/// </summary>
internal sealed class LoggingFileSink : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly string _stem;
    private readonly string _extension;
    private readonly long _maxBytes;
    private readonly int _maxFiles;
    private FileStream? _stream;

    public LoggingFileSink(string directory, LoggingFileOptions options)
    {
        _directory = directory;
        _stem = Path.GetFileNameWithoutExtension(options.FileName);
        _extension = Path.GetExtension(options.FileName) is { Length: > 0 } e ? e : ".log";
        _maxBytes = options.MaxFileBytes;
        _maxFiles = options.MaxFiles;
    }

    public string CurrentPath => Path.Combine(_directory, _stem + _extension);

    public void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_gate)
        {
            try
            {
                var stream = _stream ??= Open();
                if (stream.Length > 0 && stream.Length + bytes.Length > _maxBytes)
                {
                    Rotate();
                    stream = _stream = Open();
                }

                stream.Write(bytes);
                stream.Flush();
            }
            catch (IOException)
            {
                // A log line is not worth failing the caller; the next write tries again.
                _stream?.Dispose();
                _stream = null;
            }
            catch (UnauthorizedAccessException)
            {
                _stream?.Dispose();
                _stream = null;
            }
        }
    }

    private FileStream Open()
    {
        if (!Directory.Exists(_directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(_directory);
            }
            else
            {
                Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFiles.Mode;
        }

        var stream = new FileStream(CurrentPath, options);
        OwnerOnlyFiles.Restrict(CurrentPath);
        return stream;
    }

    private void Rotate()
    {
        _stream?.Dispose();
        _stream = null;
        var oldest = Numbered(_maxFiles - 1);
        if (_maxFiles == 1)
        {
            File.Delete(CurrentPath);
            return;
        }

        File.Delete(oldest);
        for (var i = _maxFiles - 2; i >= 1; i--)
        {
            if (File.Exists(Numbered(i)))
            {
                File.Move(Numbered(i), Numbered(i + 1), overwrite: true);
            }
        }

        File.Move(CurrentPath, Numbered(1), overwrite: true);
    }

    private string Numbered(int n) => Path.Combine(_directory, $"{_stem}.{n.ToString(CultureInfo.InvariantCulture)}{_extension}");

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
