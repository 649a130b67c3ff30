using Spectre.Console;
using Switchyard.Accounts;

namespace Switchyard.Hosting.Cli;

/// <summary>
/// Sign-in talking to the terminal: progress (a live status on a terminal, plain lines otherwise), the URL (always
/// printed, on one line of its own whatever the terminal's width), pasted input.
/// </summary>
internal sealed class CliLoginConsole(CliContext context, IAnsiConsole console) : ILoginConsole
{
    /// <summary>Set while a live status is shown.</summary>
    public Action<string>? Status { get; set; }

    public void Progress(string message)
    {
        if (Status is { } live)
        {
            live(message + "…");
        }
        else
        {
            console.WriteLine("  " + message + "…");
        }
    }

    public void ShowUrl(string url, bool headless)
    {
        console.WriteLine("Open this URL in a browser to sign in:");
        console.WriteLine();

        // Straight to the output, not through the console: it wraps text at its width (the terminal's, or 240
        // columns when redirected), and a URL broken over lines cannot be copied.
        context.Output.WriteLine(url);
        context.Output.Flush();
        console.WriteLine();
        if (headless)
        {
            console.WriteLine("After you consent, the browser goes to an address that may not load. Paste that whole address (or just its code) here:");
        }
    }

    public async Task<string?> ReadPastedAsync(CancellationToken cancellationToken) => await context.Input.ReadLineAsync(cancellationToken);
}
