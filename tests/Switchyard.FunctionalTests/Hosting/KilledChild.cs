using System.Diagnostics;
using System.Threading.Channels;

namespace Switchyard.FunctionalTests.Hosting;

/// <summary>
/// <c>dotnet switchyard.dll …</c> as a separate process, its output lines readable as they come, killed with SIGKILL
/// (this process only) on demand or on dispose.
/// </summary>
internal sealed class KilledChild : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private KilledChild(Process process) => _process = process;

    public static string GatewayDll => Path.Combine(AppContext.BaseDirectory, "switchyard.dll");

    public static KilledChild Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(GatewayDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the gateway process.");
        var child = new KilledChild(process);
        process.OutputDataReceived += (_, e) => child.Line(e.Data);
        process.ErrorDataReceived += (_, e) => child.Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The next output line, or null once the process ended.</summary>
    public async Task<string?> NextLineAsync(CancellationToken cancellationToken) =>
        await _lines.Reader.WaitToReadAsync(cancellationToken) && _lines.Reader.TryRead(out var line) ? line : null;

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _process.WaitForExitAsync(cancellationToken);
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            _lines.Writer.TryComplete();
        }
        else
        {
            _lines.Writer.TryWrite(line);
        }
    }
}
