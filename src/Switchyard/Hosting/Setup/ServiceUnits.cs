using System.Security;
using System.Text;

namespace Switchyard.Hosting.Setup;

/// <summary>The systemd user unit and the launchd agent that run <c>switchyard serve</c> from the installed binary.</summary>
internal static class ServiceUnits
{
    public const string SystemdName = "switchyard.service";
    public const string LaunchdLabel = "dev.switchyard.gateway";

    /// <summary>The command that runs this binary: the executable, or <c>dotnet switchyard.dll</c> when run through the dotnet host.</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is unknown.");
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process, Path.Combine(AppContext.BaseDirectory, "switchyard.dll")]
            : [process];
    }

    /// <summary>A systemd user unit: restarts on failure, owner-only files (UMask), no new privileges.</summary>
    public static string Systemd(IReadOnlyList<string> command, string dataDir)
    {
        var exec = string.Join(' ', command.Append("serve").Append("--data-dir").Append(dataDir).Select(SystemdQuote));
        var text = new StringBuilder()
            .Append("# Written by 'switchyard service install'. 'switchyard service uninstall' removes it.\n")
            .Append("[Unit]\n")
            .Append("Description=Switchyard AI gateway\n")
            .Append("After=network-online.target\n")
            .Append("Wants=network-online.target\n")
            .Append('\n')
            .Append("[Service]\n")
            .Append("Type=simple\n")
            .Append("ExecStart=").Append(exec).Append('\n')
            .Append("Restart=on-failure\n")
            .Append("RestartSec=5\n")
            .Append("UMask=0077\n")
            .Append("NoNewPrivileges=yes\n")
            .Append('\n')
            .Append("[Install]\n")
            .Append("WantedBy=default.target\n");
        return text.ToString();
    }

    /// <summary>A launchd agent: starts at login, kept alive, output to files in the data directory.</summary>
    public static string Launchd(IReadOnlyList<string> command, string dataDir)
    {
        var args = string.Concat(command.Append("serve").Append("--data-dir").Append(dataDir).Select(a => $"    <string>{SecurityElement.Escape(a)}</string>\n"));
        var logs = SecurityElement.Escape(Path.Combine(dataDir, "logs"));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n<dict>\n"
            + $"  <key>Label</key>\n  <string>{LaunchdLabel}</string>\n"
            + "  <key>ProgramArguments</key>\n  <array>\n" + args + "  </array>\n"
            + "  <key>RunAtLoad</key>\n  <true/>\n"
            + "  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n"
            + "  <key>Umask</key>\n  <integer>63</integer>\n"
            + $"  <key>StandardOutPath</key>\n  <string>{logs}/launchd.out.log</string>\n"
            + $"  <key>StandardErrorPath</key>\n  <string>{logs}/launchd.err.log</string>\n"
            + "</dict>\n</plist>\n";
    }

    /// <summary>Quotes one word for ExecStart: in double quotes, with backslash, quote, <c>$</c> and <c>%</c> escaped.</summary>
    public static string SystemdQuote(string word) =>
        "\"" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("$", "$$", StringComparison.Ordinal).Replace("%", "%%", StringComparison.Ordinal) + "\"";
}
