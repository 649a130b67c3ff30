using System.CommandLine;
using System.Diagnostics;
using Switchyard.Foundation;
using Switchyard.Hosting.Cli;

namespace Switchyard.Hosting.Setup;

/// <summary>
/// <c>switchyard service install|uninstall|status</c>: runs <c>serve</c> in the background at login from this binary,
/// as a systemd user unit (Linux) or a launchd agent (macOS). <c>--no-start</c> writes or removes the file only;
/// <c>--unit-dir</c> writes it elsewhere (tests, packaging).
/// </summary>
internal static class ServiceCommand
{
    public static Command Create(CliContext context)
    {
        var noStart = new Option<bool>("--no-start") { Description = "Only write (or remove) the unit file; do not call systemctl or launchctl" };
        var unitDir = new Option<string?>("--unit-dir") { Description = "Folder for the unit file (default ~/.config/systemd/user or ~/Library/LaunchAgents)" };
        var install = new Command("install", "Install and start the gateway as a user service (systemd on Linux, launchd on macOS).") { noStart, unitDir };
        install.SetAction((parse, ct) => InstallAsync(parse.GetValue(unitDir), parse.GetValue(noStart), parse.GetValue(SwitchyardCli.DataDirOption), context, ct));
        var uninstall = new Command("uninstall", "Stop the user service and remove its unit file.") { noStart, unitDir };
        uninstall.SetAction((parse, ct) => UninstallAsync(parse.GetValue(unitDir), parse.GetValue(noStart), context, ct));
        var status = new Command("status", "Whether the user service is installed and running.") { unitDir };
        status.SetAction((parse, ct) => StatusAsync(parse.GetValue(unitDir), context, ct));
        return new Command("service", "Run the gateway in the background as a user service.") { install, uninstall, status };
    }

    private static async Task<int> InstallAsync(string? unitDir, bool noStart, string? dataDirGiven, CliContext context, CancellationToken ct)
    {
        if (Platform() is not { } platform)
        {
            await context.Error.WriteLineAsync("switchyard service supports Linux (systemd) and macOS (launchd); on Windows run 'switchyard serve' from Task Scheduler.");
            return CliExit.Failure;
        }

        var dataDir = DataDirectory.Ensure(DataDirectory.Resolve(dataDirGiven));
        var command = ServiceUnits.SelfCommand();
        var path = UnitPath(platform, unitDir);
        DataDirectory.Ensure(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, platform == "systemd" ? ServiceUnits.Systemd(command, dataDir) : ServiceUnits.Launchd(command, dataDir), ct);
        await context.Output.WriteLineAsync($"Wrote {path} (runs: {string.Join(' ', command)} serve --data-dir {dataDir}).");
        if (noStart)
        {
            return CliExit.Ok;
        }

        var steps = platform == "systemd"
            ? new[] { ("systemctl", new[] { "--user", "daemon-reload" }), ("systemctl", new[] { "--user", "enable", "--now", ServiceUnits.SystemdName }) }
            : [("launchctl", ["bootstrap", $"gui/{await UidAsync(ct)}", path])];
        foreach (var (tool, args) in steps)
        {
            var (code, text) = await RunAsync(tool, args, ct);
            if (code != 0)
            {
                await context.Error.WriteLineAsync($"{tool} {string.Join(' ', args)} failed ({text.Trim()}); the unit file is in place, start it by hand.");
                return CliExit.Failure;
            }
        }

        await context.Output.WriteLineAsync("Started; it starts again at login. 'switchyard service status' shows it.");
        return CliExit.Ok;
    }

    private static async Task<int> UninstallAsync(string? unitDir, bool noStart, CliContext context, CancellationToken ct)
    {
        if (Platform() is not { } platform)
        {
            await context.Error.WriteLineAsync("switchyard service supports Linux (systemd) and macOS (launchd).");
            return CliExit.Failure;
        }

        var path = UnitPath(platform, unitDir);
        if (!noStart)
        {
            _ = platform == "systemd"
                ? await RunAsync("systemctl", ["--user", "disable", "--now", ServiceUnits.SystemdName], ct)
                : await RunAsync("launchctl", ["bootout", $"gui/{await UidAsync(ct)}/{ServiceUnits.LaunchdLabel}"], ct);
        }

        var existed = File.Exists(path);
        File.Delete(path);
        if (!noStart && platform == "systemd")
        {
            _ = await RunAsync("systemctl", ["--user", "daemon-reload"], ct);
        }

        await context.Output.WriteLineAsync(existed ? $"Removed {path}." : $"No service was installed ({path} does not exist).");
        return CliExit.Ok;
    }

    private static async Task<int> StatusAsync(string? unitDir, CliContext context, CancellationToken ct)
    {
        if (Platform() is not { } platform)
        {
            await context.Error.WriteLineAsync("switchyard service supports Linux (systemd) and macOS (launchd).");
            return CliExit.Failure;
        }

        var path = UnitPath(platform, unitDir);
        if (!File.Exists(path))
        {
            await context.Output.WriteLineAsync($"Not installed ({path} does not exist). 'switchyard service install' installs it.");
            return CliExit.Failure;
        }

        var (code, text) = platform == "systemd"
            ? await RunAsync("systemctl", ["--user", "is-active", ServiceUnits.SystemdName], ct)
            : await RunAsync("launchctl", ["print", $"gui/{await UidAsync(ct)}/{ServiceUnits.LaunchdLabel}"], ct);
        var state = platform == "systemd" ? text.Trim() : code == 0 ? "loaded" : "not loaded";
        await context.Output.WriteLineAsync($"Installed: {path}; state: {(state.Length == 0 ? "unknown" : state)}.");
        return code == 0 ? CliExit.Ok : CliExit.Failure;
    }

    private static string? Platform() => OperatingSystem.IsLinux() ? "systemd" : OperatingSystem.IsMacOS() ? "launchd" : null;

    private static string UnitPath(string platform, string? unitDir)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return platform == "systemd"
            ? Path.Combine(unitDir ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") ?? Path.Combine(home, ".config"), "systemd", "user"), ServiceUnits.SystemdName)
            : Path.Combine(unitDir ?? Path.Combine(home, "Library", "LaunchAgents"), ServiceUnits.LaunchdLabel + ".plist");
    }

    private static async Task<string> UidAsync(CancellationToken ct) => (await RunAsync("id", ["-u"], ct)).Output.Trim();

    private static async Task<(int Code, string Output)> RunAsync(string tool, string[] args, CancellationToken ct)
    {
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, $"{tool} is not available: {ex.Message}");
        }
    }
}
