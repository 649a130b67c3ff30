using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.Cli;
using Switchyard.Testing;

namespace Switchyard.FunctionalTests.Accounts;

/// <summary>
/// <c>accounts login --headless</c> through the real terminal console: the sign-in URL is printed on one line, so the
/// line can be copied as it is (here: the pasting user opens exactly the line the CLI printed).
/// </summary>
public sealed class HeadlessLoginUrlTests
{
    [Fact]
    public async Task Login_Headless_UrlOnOneLineThatWorksAsPrinted()
    {
        await using var h = await AccountsHarness.StartAsync();
        var output = new LineSignalWriter("/o/oauth2/v2/auth");
        var input = new PasteFromPrintedLine(output);
        var args = new List<string> { "accounts", "login", "--headless", "--data-dir", h.DataDir };
        foreach (var (key, value) in h.Settings)
        {
            args.AddRange(["--set", $"{key}={value}"]);
        }

        var exit = await SwitchyardCli.RunAsync([.. args], new CliContext(output, TextWriter.Null, input, services => services.AddSingleton<TimeProvider>(h.Time)),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var line = await output.Seen;
        Assert.StartsWith("http", line, StringComparison.Ordinal);
        Assert.True(line.Length > 240, $"the URL ({line.Length} characters) is longer than the redirected console's 240 columns");
        Assert.Equal(AccountsHarness.Ada, (string?)Assert.Single(await h.ListAsync())!["email"]);
    }

    /// <summary>The headless user: opens the printed line as it is and pastes where the browser ended up.</summary>
    private sealed class PasteFromPrintedLine(LineSignalWriter output) : TextReader
    {
        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var url = (await output.Seen.WaitAsync(cancellationToken)).Trim();
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
            using var authorize = await http.GetAsync(new Uri(url), cancellationToken);
            return authorize.Headers.Location?.ToString();
        }
    }
}
