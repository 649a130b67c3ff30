using Spectre.Console;

namespace Switchyard.Hosting.Cli;

/// <summary>Spectre.Console bound to a command's output: colours and live status only on a real terminal.</summary>
internal static class CliConsole
{
    public static bool IsTerminal(TextWriter writer) => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;

    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Redirected output is read by scripts: do not wrap cells at 80 columns.
            console.Profile.Width = 240;
        }

        return console;
    }

    /// <summary>True when the command talks to a person at a terminal (input and output are the console's, not redirected).</summary>
    public static bool CanPrompt(CliContext context) =>
        ReferenceEquals(context.Input, Console.In) && !Console.IsInputRedirected && IsTerminal(context.Output);

    /// <summary>The secret in environment variable <paramref name="variable"/>, else typed at a terminal prompt, else null.</summary>
    public static string? ReadSecret(CliContext context, string? variable, string prompt)
    {
        if (variable is not null)
        {
            return Environment.GetEnvironmentVariable(variable);
        }

        if (CanPrompt(context))
        {
            return For(context.Output).Prompt(new TextPrompt<string>(prompt).Secret());
        }

        return null;
    }
}
