using System.Diagnostics;

namespace Switchyard.Accounts;

/// <summary>Opens a URL in the user's browser, where there is one.</summary>
internal interface IBrowserLauncher
{
    /// <summary>False when no browser could be started (the URL is printed anyway).</summary>
    bool TryOpen(string url);
}

/// <summary>xdg-open / open / the shell, unless there is clearly no display.</summary>
internal sealed class SystemBrowserLauncher : IBrowserLauncher
{
    public bool TryOpen(string url)
    {
        try
        {
            ProcessStartInfo start;
            if (OperatingSystem.IsWindows())
            {
                start = new ProcessStartInfo(url) { UseShellExecute = true };
            }
            else if (OperatingSystem.IsMacOS())
            {
                start = new ProcessStartInfo("open", [url]);
            }
            else
            {
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
                {
                    return false;
                }

                start = new ProcessStartInfo("xdg-open", [url]);
            }

            start.RedirectStandardError = !OperatingSystem.IsWindows();
            start.RedirectStandardOutput = !OperatingSystem.IsWindows();
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
