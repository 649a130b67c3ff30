using System.Diagnostics;

namespace Switchyard.Bench.Load;

/// <summary>A child process (`dotnet some.dll`, or a script) whose output goes to a log file; stopped (only this process) on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _lines;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    /// <summary>Lines the process has written to stdout and stderr so far.</summary>
    public int Lines => Volatile.Read(ref _lines);

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(string dll, IEnumerable<string> args, string logFile, IReadOnlyDictionary<string, string>? environment = null) =>
        StartProgram("dotnet", [dll, .. args], logFile, environment);

    public static ChildProcess StartProgram(string program, IEnumerable<string> args, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var child = new ChildProcess(process, log);
        process.OutputDataReceived += (_, e) => child.Write(e.Data);
        process.ErrorDataReceived += (_, e) => child.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
