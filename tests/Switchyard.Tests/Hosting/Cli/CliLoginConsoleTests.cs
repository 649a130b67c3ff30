using Spectre.Console;
using Switchyard.Hosting.Cli;

namespace Switchyard.Tests.Hosting.Cli;

public sealed class CliLoginConsoleTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(240)]
    public void ShowUrl_UrlLongerThanTheConsoleWidth_PrintedOnOneUnbrokenLine(int width)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        var url = "https://accounts.google.com/o/oauth2/v2/auth?client_id=1071006060591-example.apps.googleusercontent.com"
            + "&redirect_uri=http%3A%2F%2Flocalhost%3A51121%2Foauth-callback&response_type=code&scope="
            + string.Join("%20", Enumerable.Range(0, 12).Select(i => $"https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fscope-{i}"))
            + "&state=abc&code_challenge=xyz&code_challenge_method=S256&access_type=offline&prompt=consent";

        new CliLoginConsole(new CliContext(output, TextWriter.Null, TextReader.Null), console).ShowUrl(url, headless: true);

        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(url, lines);
        Assert.Equal(1, lines.Count(l => l.Contains("accounts.google.com", StringComparison.Ordinal)));
    }
}
